package dev.sigil.fleet.market;

/** A source row that is not a kline row. Expected and counted, so it carries no stack trace. */
final class BadKlineRow extends Exception {

    private final RowDefect defect;

    BadKlineRow(RowDefect defect, String detail) {
        super(detail, null, false, false);
        this.defect = defect;
    }

    RowDefect defect() {
        return defect;
    }
}
