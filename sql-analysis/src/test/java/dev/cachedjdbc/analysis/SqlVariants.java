package dev.cachedjdbc.analysis;

import dev.cachedjdbc.analysis.SqlTokens.Token;
import dev.cachedjdbc.analysis.SqlTokens.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Rewrites of a statement that change exactly one aspect of its text. The first group must keep the cache key
 * (white space, comments, and in PostgreSQL the case of unquoted words); the second must change it (a literal, an
 * identifier, quoting, where a placeholder stands, and outside PostgreSQL the case of an unquoted word). A rewrite
 * that finds nothing to change in a statement gives empty.
 */
final class SqlVariants {

    /**
     * Words that are keywords wherever they stand in the corpus, except right after a period, where any word is a
     * name. Only these change case: other words may be identifiers, whose spelling belongs to the key.
     */
    static final Set<String> KEYWORDS = Set.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "AS", "ON", "JOIN", "LEFT", "RIGHT", "INNER",
            "OUTER", "FULL", "CROSS", "ORDER", "BY", "GROUP", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT",
            "EXCEPT", "ALL", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "EXISTS", "WITH", "INSERT", "INTO",
            "VALUES", "UPDATE", "SET", "DELETE", "LIKE", "BETWEEN", "ASC", "DESC", "FETCH", "FIRST", "NEXT", "ROWS",
            "ONLY", "FOR", "RETURNING", "USING", "CREATE", "TABLE", "DROP", "ALTER", "INDEX", "VIEW");

    private static final List<String> WHITE_SPACE = List.of(" ", "  ", "\t", "\n", "\r\n", " \n\t", "\n    ");

    private SqlVariants() {
    }

    /** Every existing run of white space between tokens replaced by other white space. */
    static Optional<String> withWhiteSpaceExpanded(SqlTokens sql, Random random) {
        List<String> gaps = new ArrayList<>(sql.gaps());
        boolean changed = false;
        for (int i = 1; i < sql.tokens().size(); i++) {
            if (sql.gapIsFree(i) && !gaps.get(i).isEmpty() && gaps.get(i).isBlank()) {
                gaps.set(i, pick(WHITE_SPACE, random) + pick(WHITE_SPACE, random));
                changed = true;
            }
        }
        return changed ? Optional.of(sql.withGaps(gaps).render()) : Optional.empty();
    }

    /** White space put between tokens that were written next to each other, such as {@code id=?} or {@code b1_0.id}. */
    static Optional<String> withWhiteSpaceInserted(SqlTokens sql, Random random) {
        List<String> gaps = new ArrayList<>(sql.gaps());
        List<Integer> adjacent = IntStream.range(1, sql.tokens().size())
                .filter(i -> sql.gapIsFree(i) && gaps.get(i).isEmpty())
                .boxed().toList();
        if (adjacent.isEmpty()) {
            return Optional.empty();
        }
        for (int i : adjacent) {
            if (random.nextInt(3) > 0) {
                gaps.set(i, pick(WHITE_SPACE, random));
            }
        }
        gaps.set(pick(adjacent, random), pick(WHITE_SPACE, random));
        return Optional.of(sql.withGaps(gaps).render());
    }

    /**
     * Block and line comments added where white space already separates tokens, and before and after the
     * statement; a comment then stands where white space stood, and only the comment is new.
     */
    static Optional<String> withCommentsAdded(SqlTokens sql, Random random) {
        List<String> gaps = new ArrayList<>(sql.gaps());
        if (sql.tokens().isEmpty()) {
            return Optional.empty();
        }
        for (int i = 1; i < sql.tokens().size(); i++) {
            if (sql.gapIsFree(i) && !gaps.get(i).isEmpty() && random.nextInt(3) == 0) {
                gaps.set(i, gaps.get(i) + comment(random) + " ");
            }
        }
        gaps.set(0, "/* leading note " + random.nextInt(1000) + " */ " + gaps.get(0));
        int last = sql.tokens().size();
        gaps.set(last, gaps.get(last) + " -- trailing note " + random.nextInt(1000));
        return Optional.of(sql.withGaps(gaps).render());
    }

    /**
     * Unquoted words outside JDBC escapes (keywords and names alike) written with their ASCII letters in other cases:
     * upper, lower, capitalised or mixed. At least one word changes.
     */
    static Optional<String> withUnquotedWordCaseChanged(SqlTokens sql, Random random) {
        List<Token> tokens = new ArrayList<>(sql.tokens());
        List<Integer> words = indexes(tokens, i -> tokens.get(i).type() == Type.WORD && !tokens.get(i).insideEscape()
                && tokens.get(i).text().chars().anyMatch(c -> c < 128 && Character.isLetter(c)));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        for (int i : words) {
            tokens.set(i, tokens.get(i).withText(recase(tokens.get(i).text(), random)));
        }
        int forced = pick(words, random);
        String original = sql.tokens().get(forced).text();
        if (tokens.get(forced).text().equals(original)) {
            String flipped = original.equals(upperCaseAscii(original)) ? lowerCaseAscii(original) : upperCaseAscii(original);
            tokens.set(forced, tokens.get(forced).withText(flipped));
        }
        return Optional.of(sql.withTokens(tokens).render());
    }

    /**
     * One variant per literal of the statement: in each, one digit of that number, or one letter or digit inside
     * that string, is replaced by another.
     */
    static List<String> withEachLiteralChanged(SqlTokens sql, Random random) {
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < sql.tokens().size(); i++) {
            Token literal = sql.tokens().get(i);
            List<Integer> changeable = changeableCharacters(literal);
            if (!changeable.isEmpty()) {
                List<Token> tokens = new ArrayList<>(sql.tokens());
                tokens.set(i, literal.withText(replaceOne(literal.text(), changeable, random)));
                variants.add(sql.withTokens(tokens).render());
            }
        }
        return variants;
    }

    /**
     * One letter of an identifier replaced by another. Names of the tables the case expects are preferred, since
     * they are identifiers for certain; otherwise any word that is neither a keyword nor a function name.
     */
    static Optional<String> withIdentifierChanged(SqlTokens sql, Set<String> tableNameParts, Random random) {
        List<Token> tokens = new ArrayList<>(sql.tokens());
        List<Integer> candidates = indexes(tokens, i -> isTableNamePart(tokens.get(i), tableNameParts));
        if (candidates.isEmpty()) {
            candidates = indexes(tokens, i -> isPlainIdentifier(tokens, i) || isQuotedIdentifier(tokens.get(i)));
        }
        candidates = candidates.stream().filter(i -> !letters(tokens.get(i)).isEmpty()).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int chosen = pick(candidates, random);
        Token identifier = tokens.get(chosen);
        tokens.set(chosen, identifier.withText(replaceOne(identifier.text(), letters(identifier), random)));
        return Optional.of(sql.withTokens(tokens).render());
    }

    /** A table name written unquoted becomes quoted as written, or a quoted one loses its quotes. */
    static Optional<String> withQuotingChanged(SqlTokens sql, Set<String> tableNameParts, Random random) {
        List<Token> tokens = new ArrayList<>(sql.tokens());
        List<Integer> candidates = indexes(tokens, i -> isTableNamePart(tokens.get(i), tableNameParts)
                && (tokens.get(i).type() == Type.WORD || tokens.get(i).text().matches("\"[a-z_][a-z0-9_]*\"")));
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int chosen = pick(candidates, random);
        Token name = tokens.get(chosen);
        String changed = name.type() == Type.WORD
                ? "\"" + name.text() + "\""
                : name.text().substring(1, name.text().length() - 1);
        tokens.set(chosen, new Token(name.type() == Type.WORD ? Type.QUOTED_IDENTIFIER : Type.WORD, changed, false));
        return Optional.of(sql.withTokens(tokens).render());
    }

    /** A placeholder swapped with a literal (or, lacking one, an identifier) elsewhere in the statement. */
    static Optional<String> withPlaceholderMoved(SqlTokens sql, Random random) {
        List<Token> tokens = new ArrayList<>(sql.tokens());
        List<Integer> placeholders = indexes(tokens, i -> tokens.get(i).type() == Type.PLACEHOLDER);
        if (placeholders.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> partners = indexes(tokens, i -> tokens.get(i).type() == Type.NUMBER || tokens.get(i).type() == Type.STRING);
        if (partners.isEmpty()) {
            partners = indexes(tokens, i -> isPlainIdentifier(tokens, i));
        }
        if (partners.isEmpty()) {
            return Optional.empty();
        }
        int placeholder = pick(placeholders, random);
        int partner = pick(partners, random);
        Token moved = tokens.get(placeholder);
        tokens.set(placeholder, tokens.get(partner));
        tokens.set(partner, moved);
        return Optional.of(sql.withTokens(tokens).render());
    }

    private static boolean isKeyword(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        boolean afterPeriod = i > 0 && tokens.get(i - 1).text().equals(".");
        return token.type() == Type.WORD && !token.insideEscape() && !afterPeriod
                && KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    private static boolean isPlainIdentifier(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        boolean calledAsFunction = i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(");
        return token.type() == Type.WORD && !token.insideEscape() && !isKeyword(tokens, i) && !calledAsFunction
                && !token.text().startsWith("$") && token.text().chars().anyMatch(Character::isLetter);
    }

    private static boolean isQuotedIdentifier(Token token) {
        return token.type() == Type.QUOTED_IDENTIFIER && !token.insideEscape()
                && token.text().chars().anyMatch(Character::isLetter);
    }

    private static boolean isTableNamePart(Token token, Set<String> tableNameParts) {
        if (token.insideEscape()) {
            return false;
        }
        if (token.type() == Type.WORD) {
            return tableNameParts.contains(token.text().toLowerCase(Locale.ROOT));
        }
        return token.type() == Type.QUOTED_IDENTIFIER && token.text().length() > 2
                && tableNameParts.contains(token.text().substring(1, token.text().length() - 1).toLowerCase(Locale.ROOT));
    }

    /** Positions of the letters of an identifier, inside the quotes of a quoted one. */
    private static List<Integer> letters(Token identifier) {
        return indexes(identifier.text(), Character::isLetter, identifier.type() == Type.QUOTED_IDENTIFIER);
    }

    /** Positions in a literal whose character may change without changing where the literal ends. */
    private static List<Integer> changeableCharacters(Token token) {
        String text = token.text();
        if (token.type() == Type.NUMBER) {
            return indexes(text, Character::isDigit, false);
        }
        if (token.type() != Type.STRING) {
            return List.of();
        }
        int open;
        int close;
        if (text.startsWith("$")) {
            int tagLength = text.indexOf('$', 1) + 1;
            open = tagLength;
            close = text.length() - tagLength;
        } else {
            open = text.indexOf('\'') + 1;
            close = text.length() - 1;
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = open; i < close; i++) {
            char c = text.charAt(i);
            boolean escaped = i > 0 && text.charAt(i - 1) == '\\';
            if (Character.isLetterOrDigit(c) && c < 128 && !escaped) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static String replaceOne(String text, List<Integer> positions, Random random) {
        int at = pick(positions, random);
        char old = text.charAt(at);
        char replacement;
        do {
            if (Character.isDigit(old)) {
                replacement = (char) ('0' + random.nextInt(10));
            } else if (Character.isUpperCase(old)) {
                replacement = (char) ('A' + random.nextInt(26));
            } else {
                replacement = (char) ('a' + random.nextInt(26));
            }
        } while (replacement == old);
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    /** The word with only its ASCII letters recased, as PostgreSQL folds them. */
    private static String recase(String word, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> upperCaseAscii(word);
            case 1 -> lowerCaseAscii(word);
            case 2 -> upperCaseAscii(word.substring(0, 1)) + lowerCaseAscii(word.substring(1));
            default -> {
                StringBuilder mixed = new StringBuilder();
                for (int i = 0; i < word.length(); i++) {
                    String c = word.substring(i, i + 1);
                    mixed.append(i % 2 == 0 ? lowerCaseAscii(c) : upperCaseAscii(c));
                }
                yield mixed.toString();
            }
        };
    }

    static String lowerCaseAscii(String text) {
        StringBuilder folded = new StringBuilder(text);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                folded.setCharAt(i, (char) (c + 32));
            }
        }
        return folded.toString();
    }

    private static String upperCaseAscii(String text) {
        StringBuilder folded = new StringBuilder(text);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'a' && c <= 'z') {
                folded.setCharAt(i, (char) (c - 32));
            }
        }
        return folded.toString();
    }

    private static String comment(Random random) {
        return random.nextBoolean()
                ? "/* note " + random.nextInt(1000) + " */"
                : "-- note " + random.nextInt(1000) + "\n";
    }

    private static List<Integer> indexes(List<Token> tokens, IntPredicate accepted) {
        return IntStream.range(0, tokens.size()).filter(accepted).boxed().toList();
    }

    private static List<Integer> indexes(String text, IntPredicate accepted, boolean skipFirstAndLast) {
        int from = skipFirstAndLast ? 1 : 0;
        int to = skipFirstAndLast ? text.length() - 1 : text.length();
        return IntStream.range(from, to).filter(i -> accepted.test(text.charAt(i)) && text.charAt(i) < 128).boxed().toList();
    }

    private static <T> T pick(List<T> choices, Random random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
