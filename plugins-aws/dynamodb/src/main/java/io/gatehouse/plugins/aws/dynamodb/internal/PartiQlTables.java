package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the tables (and indexes) a DynamoDB PartiQL statement names after {@code FROM}, {@code INTO} and
 * {@code UPDATE}. It reads just enough of the language to tell identifiers from literals, and refuses with
 * {@link DecodeException#VALIDATION} whatever it cannot read with certainty: comments, Ion literals, backslashes
 * before quotes, joins, unterminated literals, a keyword not followed by a table, or a statement naming none.
 * Refusing is the safe answer: a guessed table would let policy decide on the wrong resource.
 */
final class PartiQlTables {

    /** DynamoDB's limit on the length of one statement. */
    static final int MAX_STATEMENT = 8192;

    private static final Set<String> FIRST_WORDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "EXISTS");
    private static final Set<String> TABLE_KEYWORDS = Set.of("FROM", "INTO", "UPDATE");
    private static final Pattern BARE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A table named by a statement.
     *
     * @param table the table name, unquoted, exactly as written (identifiers are case-sensitive in DynamoDB)
     * @param index the index after {@code "Table".}, if any
     */
    record TableRef(String table, Optional<String> index) {
    }

    private enum Kind { WORD, QUOTED, LITERAL, PUNCT }

    private record Token(Kind kind, String text) {
        boolean isWord(Set<String> words) {
            return kind == Kind.WORD && words.contains(text.toUpperCase(Locale.ROOT));
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.charAt(0) == c;
        }
    }

    private PartiQlTables() {
    }

    /**
     * @param statement one PartiQL statement
     * @param where the request member it comes from, for messages
     * @return every table reference, in statement order (at least one)
     * @throws DecodeException {@link DecodeException#VALIDATION} when the tables cannot be determined with certainty
     */
    static List<TableRef> tables(String statement, String where) throws DecodeException {
        if (statement.isBlank() || statement.length() > MAX_STATEMENT) {
            throw refuse(where, "must hold 1 to " + MAX_STATEMENT + " characters");
        }
        List<Token> tokens = tokenize(statement, where);
        if (tokens.isEmpty() || !tokens.get(0).isWord(FIRST_WORDS)) {
            throw refuse(where, "must be a SELECT, INSERT, UPDATE, DELETE or EXISTS statement");
        }
        List<TableRef> tables = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isWord(Set.of("JOIN"))) {
                throw refuse(where, "joins are not supported");
            }
            if (token.isWord(TABLE_KEYWORDS)) {
                i = tableRef(tokens, i + 1, where, tables);
            }
        }
        if (tables.isEmpty()) {
            throw refuse(where, "names no table that Gatehouse can determine");
        }
        return tables;
    }

    /** Reads {@code table} or {@code table.index} at {@code start}; returns the index of its last token. */
    private static int tableRef(List<Token> tokens, int start, String where, List<TableRef> out)
            throws DecodeException {
        String table = identifier(tokens, start, where);
        int last = start;
        Optional<String> index = Optional.empty();
        if (start + 1 < tokens.size() && tokens.get(start + 1).isPunct('.')) {
            index = Optional.of(identifier(tokens, start + 2, where));
            last = start + 2;
        }
        if (last + 1 < tokens.size()) {
            Token next = tokens.get(last + 1);
            if (next.kind != Kind.WORD && !next.isPunct(')')) {
                throw refuse(where, "has '" + next.text + "' after the table name where Gatehouse expects a keyword");
            }
        }
        out.add(new TableRef(table, index));
        return last;
    }

    private static String identifier(List<Token> tokens, int at, String where) throws DecodeException {
        if (at < tokens.size()) {
            Token token = tokens.get(at);
            if (token.kind == Kind.QUOTED || token.kind == Kind.WORD && BARE.matcher(token.text).matches()) {
                return token.text;
            }
        }
        throw refuse(where, "has a FROM, INTO or UPDATE that is not followed by a table name");
    }

    private static List<Token> tokenize(String s, String where) throws DecodeException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                i = quoted(s, i, where, tokens);
            } else if (isWordChar(c)) {
                int end = i;
                while (end < s.length() && isWordChar(s.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, s.substring(i, end)));
                i = end;
            } else {
                checkPunct(s, i, where);
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** Reads a '...' literal or "..." identifier starting at {@code start}; a doubled quote escapes itself. */
    private static int quoted(String s, int start, String where, List<Token> tokens) throws DecodeException {
        char quote = s.charAt(start);
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                // engines disagree on backslash escapes; pass such values as statement parameters instead
                throw refuse(where, "has a backslash before a quote; pass such values as Parameters");
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    text.append(quote);
                    i += 2;
                    continue;
                }
                tokens.add(new Token(quote == '"' ? Kind.QUOTED : Kind.LITERAL, text.toString()));
                return i + 1;
            }
            text.append(c);
            i++;
        }
        throw refuse(where, "has an unterminated " + (quote == '"' ? "quoted identifier" : "string literal"));
    }

    private static void checkPunct(String s, int i, String where) throws DecodeException {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        if (c == '`') {
            throw refuse(where, "has an Ion literal (`...`), which DynamoDB does not support");
        }
        if (c == '-' && next == '-' || c == '/' && next == '*') {
            throw refuse(where, "has a comment; remove it");
        }
        if (c == '\\') {
            throw refuse(where, "has a backslash outside a literal");
        }
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    private static DecodeException refuse(String where, String problem) {
        return new DecodeException(DecodeException.VALIDATION, where + " " + problem
                + " (Gatehouse must know every table a PartiQL statement touches)");
    }
}
