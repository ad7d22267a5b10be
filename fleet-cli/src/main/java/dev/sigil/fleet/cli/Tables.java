package dev.sigil.fleet.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for terminals: a header row and string cells, numbers right-aligned by the caller's choice. */
public final class Tables {

    private Tables() {
    }

    public static String render(List<String> headers, List<List<String>> rows) {
        List<Column> columns = new ArrayList<>();
        for (String header : headers) {
            boolean numeric = header.endsWith("#") || header.endsWith("(s)") || header.endsWith("(ms)") || header.endsWith("$");
            columns.add(new Column().header(header).dataAlign(numeric ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT)
                    .headerAlign(HorizontalAlign.LEFT));
        }
        String[][] data = rows.stream().map(row -> row.toArray(String[]::new)).toArray(String[][]::new);
        return AsciiTable.builder().border(AsciiTable.NO_BORDERS).data(columns.toArray(Column[]::new), data).asString();
    }
}
