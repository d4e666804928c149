package org.wiener.cli;

import java.io.IOException;
import java.io.Writer;

/** Minimal CSV output (RFC 4180): comma-separated, fields quoted only when they need it, '\n' line ends. */
final class Csv {

    private Csv() {
    }

    /**
     * Writes one record.
     *
     * @param out the writer
     * @param fields the fields; numbers should be formatted with {@link #number}
     * @throws IOException on failure
     */
    static void row(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields[i]));
        }
        out.write('\n');
    }

    /**
     * @param field a field
     * @return the field, quoted if it contains a comma, quote or line break
     */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * @param x a number
     * @return its shortest exact decimal form ({@link Double#toString}), which every CSV reader parses
     *     ("NaN" and "Infinity" included)
     */
    static String number(double x) {
        return Double.toString(x);
    }
}
