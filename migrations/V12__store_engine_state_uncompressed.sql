-- The engine state is written at every checkpoint — every cycle of a live runner — with each value whole, and one of
-- them is large: the directional-drift guard's window, the last closes of every symbol (35 kB at 500 symbols). A value
-- over 2 kB was compressed (pglz) at each write, about a millisecond of the server's CPU in a cycle of ten; stored out of
-- line uncompressed instead, the 500-symbol live cycle's median went from 10.6-13.2 to 7.7-12.3 ms and its p99 from
-- 17.6-20.7 to 15.1-19.6 ms (three runs each, alternated). It costs disk only for the rows of a table of a few dozen.
-- Metadata only: rows written before keep their storage until they are next written.
ALTER TABLE engine_state ALTER COLUMN value SET STORAGE EXTERNAL;
