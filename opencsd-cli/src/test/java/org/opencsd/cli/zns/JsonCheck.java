package org.opencsd.cli.zns;

/** A strict JSON syntax check (RFC 8259), enough to prove the commands print valid JSON. */
final class JsonCheck {
    private final String s;
    private int i;

    private JsonCheck(String s) {
        this.s = s;
    }

    /** Throws {@link AssertionError} unless {@code text} is one valid JSON value (plus whitespace). */
    static void valid(String text) {
        JsonCheck c = new JsonCheck(text);
        c.value();
        c.ws();
        if (c.i != text.length()) c.fail("trailing characters");
    }

    private void value() {
        ws();
        if (i >= s.length()) fail("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object() {
        i++;
        ws();
        if (peek('}')) return;
        do {
            ws();
            string();
            ws();
            expect(':');
            value();
            ws();
        } while (peek(','));
        expect('}');
    }

    private void array() {
        i++;
        ws();
        if (peek(']')) return;
        do {
            value();
            ws();
        } while (peek(','));
        expect(']');
    }

    private void string() {
        expect('"');
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c < 0x20) fail("control character in string");
            if (c == '\\') {
                char e = s.charAt(i++);
                if (e == 'u') i += 4;
                else if ("\"\\/bfnrt".indexOf(e) < 0) fail("bad escape");
            }
        }
        expect('"');
    }

    private void number() {
        int start = i;
        if (peek('-')) { }
        while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
        String n = s.substring(start, i);
        if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) fail("bad number '" + n + "'");
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) fail("bad literal");
        i += word.length();
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) fail("expected '" + c + "'");
    }

    private void fail(String why) {
        throw new AssertionError("invalid JSON at " + i + " (" + why + "): " + s);
    }
}
