package org.wiener.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table of strings, printed with aligned columns (for the terminal) or as GitHub Markdown. */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /**
     * @param header the column names
     */
    TextTable(String... header) {
        this.header = List.of(header);
        this.rightAligned = new boolean[header.length];
    }

    /**
     * Right-aligns the given columns (numbers) in the text form.
     *
     * @param columns column indices
     * @return this table
     */
    TextTable rightAlign(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    TextTable add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
        return this;
    }

    /** @return the number of rows (without the header) */
    int size() {
        return rows.size();
    }

    /** @return the table with columns padded to equal widths, two spaces apart, a dashed rule under the header */
    String toText() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, width);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, width);
        }
        return out.toString();
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(rightAligned[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** @return the table in GitHub Markdown ({@code |} in cells escaped) */
    String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append(markdownLine(header));
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < header.size(); c++) {
            rule.append(rightAligned[c] ? "---:|" : "---|");
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            out.append(markdownLine(row));
        }
        return out.toString();
    }

    private static String markdownLine(List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : cells) {
            line.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        return line.append('\n').toString();
    }
}
