package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row restrictions: which statements are confined to rows by equalities on their columns, which columns and values
 * they report, and above all which statements are not confined. A restriction that is too wide costs a needless
 * invalidation; one that is too narrow, or names the wrong placeholder, is a stale read. Every negative case is
 * checked to be a statement the analyser read (a QUERY or a WRITE), so that it fails for the rule it names and not
 * because the text could not be parsed.
 */
class RowRestrictionTest {

    private static final Dialect PG = Dialect.POSTGRESQL;
    private static final Dialect H2 = Dialect.H2;
    private static final TableName ITEM = TableName.of("item");
    private static final TableName H2_ITEM = TableName.of("ITEM");

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    private static RowKeyValue param(int index) {
        return new RowKeyValue.Parameter(index);
    }

    private static RowKeyValue literal(long value) {
        return new RowKeyValue.IntegerLiteral(value);
    }

    private static RowRestriction on(String column, RowKeyValue... values) {
        return RowRestriction.of(column, List.of(values));
    }

    private Map<TableName, RowRestriction> restrictions(Dialect dialect, String sql) {
        return analyzer.analyze(sql, dialect).rowRestrictions();
    }

    private void assertRestricted(Dialect dialect, String sql, TableName table, String column, RowKeyValue... values) {
        assertThat(restrictions(dialect, sql)).as(sql).isEqualTo(Map.of(table, on(column, values)));
    }

    /** Asserts the one restriction of the statement as the corpus writes it ({@link CorpusCase#describe}). */
    private void assertRestricted(Dialect dialect, String sql, TableName table, String described) {
        assertThat(CorpusCase.describe(restrictions(dialect, sql))).as(sql).isEqualTo(Map.of(table.toString(), described));
    }

    private void assertNone(Dialect dialect, String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql, dialect);
        assertThat(analysis.kind()).as("%s must be read as a query or write, or the case proves nothing (%s)", sql,
                analysis.cacheabilityReason()).isIn(StatementKind.QUERY, StatementKind.WRITE);
        assertThat(analysis.rowRestrictions()).as(sql).isEmpty();
    }

    // ---- what ORMs and query builders send ----

    @Test
    void hibernateFindByIdAndBatchFetch() {
        assertRestricted(PG, "select i1_0.id,i1_0.name,i1_0.price from item i1_0 where i1_0.id=?",
                ITEM, "id", param(1));
        assertRestricted(PG, "select i1_0.id,i1_0.name from item i1_0 where i1_0.id in (?,?,?)",
                ITEM, "id", param(1), param(2), param(3));
        assertRestricted(H2, "select i1_0.id,i1_0.name from item i1_0 where i1_0.id=?", H2_ITEM, "ID", param(1));
        assertRestricted(H2, "select i1_0.id,i1_0.name from item i1_0 where i1_0.id in (?,?,?,?)",
                H2_ITEM, "ID", param(1), param(2), param(3), param(4));
    }

    @Test
    void hibernateWrites() {
        assertRestricted(PG, "update item set name=?,price=? where id=?", ITEM, "id", param(3));
        assertRestricted(PG, "update item set name=?,price=?,version=? where id=? and version=?", ITEM, "id", param(4));
        assertRestricted(PG, "delete from item where id=?", ITEM, "id", param(1));
        assertRestricted(PG, "delete from item where id=? and version=?", ITEM, "id in (?1) and version in (?2)");
        assertRestricted(PG, "insert into item (name,price,id) values (?,?,?)", ITEM,
                "name in (?1) and price in (?2) and id in (?3)");
        assertRestricted(H2, "update item set name=?,price=? where id=?", H2_ITEM, "ID", param(3));
        assertRestricted(H2, "delete from item where id=?", H2_ITEM, "ID", param(1));
        assertRestricted(H2, "insert into item (name,price,id) values (?,?,?)", H2_ITEM,
                "NAME in (?1) and PRICE in (?2) and ID in (?3)");
    }

    @Test
    void springJooqAndMyBatisSpellings() {
        assertRestricted(PG, "select \"public\".\"item\".\"id\", \"public\".\"item\".\"name\" from \"public\".\"item\" "
                + "where \"public\".\"item\".\"id\" = ?", TableName.of("public", "item"), "id", param(1));
        assertRestricted(H2, "select \"PUBLIC\".\"ITEM\".\"ID\" from \"PUBLIC\".\"ITEM\" where \"PUBLIC\".\"ITEM\".\"ID\" = ?",
                TableName.of("PUBLIC", "ITEM"), "ID", param(1));
        assertRestricted(PG, "SELECT \"item\".\"id\" AS \"id\", \"item\".\"name\" AS \"name\" FROM \"item\" "
                + "WHERE \"item\".\"id\" = ?", ITEM, "id", param(1));
        assertRestricted(PG, "SELECT id, name, price FROM item WHERE id = ?", ITEM, "id", param(1));
        assertRestricted(PG, "UPDATE \"item\" SET \"name\" = ? WHERE \"item\".\"id\" = ?", ITEM, "id", param(2));
        assertRestricted(PG, "DELETE FROM \"public\".\"item\" WHERE \"public\".\"item\".\"id\" = ?",
                TableName.of("public", "item"), "id", param(1));
        assertRestricted(PG, "INSERT INTO \"item\" (\"id\", \"name\") VALUES (?, ?)", ITEM, "id in (?1) and name in (?2)");
    }

    @Test
    void aQuotedColumnKeepsItsCaseAndAnUnquotedOneFolds() {
        assertRestricted(PG, "select * from item where \"Id\" = ?", ITEM, "Id", param(1));
        assertRestricted(PG, "select * from item where ID = ?", ITEM, "id", param(1));
        assertRestricted(H2, "select * from item where id = ?", H2_ITEM, "ID", param(1));
        assertRestricted(H2, "select * from item where \"id\" = ?", H2_ITEM, "id", param(1));
    }

    // ---- queries ----

    @Test
    void integerLiteralsNegatedOrNotAreValues() {
        assertRestricted(PG, "select * from item where id = 42", ITEM, "id", literal(42));
        assertRestricted(PG, "select * from item where id = -5", ITEM, "id", literal(-5));
        assertRestricted(PG, "select * from item where id in (1, -2, 3)", ITEM, "id", literal(1), literal(-2), literal(3));
        assertRestricted(PG, "select * from item where id = 9223372036854775807", ITEM, "id", literal(Long.MAX_VALUE));
        assertRestricted(PG, "select * from item where id = -9223372036854775808", ITEM, "id", literal(Long.MIN_VALUE));
        assertRestricted(PG, "select * from item where id in (?, 7)", ITEM, "id", param(1), literal(7));
    }

    @Test
    void theValueMayStandOnEitherSideAndConjunctsMayBeParenthesised() {
        assertRestricted(PG, "select * from item where ? = id", ITEM, "id", param(1));
        assertRestricted(PG, "select * from item where 3 = id", ITEM, "id", literal(3));
        assertRestricted(PG, "select * from item where (id = ?)", ITEM, "id", param(1));
        assertRestricted(PG, "select * from item where ((name = ?) and ((id = ?)))", ITEM, "name in (?1) and id in (?2)");
        assertRestricted(PG, "select * from item where name like ? and (price > ? and id = ?)", ITEM, "id", param(3));
    }

    @Test
    void everyConfiningColumnIsReportedWithItsFirstCondition() {
        assertRestricted(PG, "select * from item where sku = ? and id = ?", ITEM, "sku in (?1) and id in (?2)");
        assertRestricted(PG, "select * from item where sku = ? and code in (?, ?)", ITEM, "sku in (?1) and code in (?2, ?3)");
        assertRestricted(PG, "select * from item where id = ? and id in (?, ?)", ITEM, "id", param(1));
        assertRestricted(PG, "select * from review where i_id = ? and u_id = ? and rating > ?", TableName.of("review"),
                "i_id in (?1) and u_id in (?2)");
        assertRestricted(PG, "select * from page where page_namespace = ? and page_title = ? limit 1",
                TableName.of("page"), "page_namespace in (?1) and page_title in (?2)");
    }

    @Test
    void standardStringLiteralsAreValuesAsTheDatabaseReadsThem() {
        assertRestricted(PG, "select * from page where page_title = 'Main'", TableName.of("page"),
                "page_title in ('Main')");
        assertRestricted(PG, "select * from page where page_title = 'it''s'", TableName.of("page"),
                "page_title in ('it''s')");
        assertRestricted(PG, "select * from page where page_title in ('a', ?, 'b')", TableName.of("page"),
                "page_title in ('a', ?1, 'b')");
        assertRestricted(H2, "select * from page where page_title = ''", TableName.of("PAGE"), "PAGE_TITLE in ('')");
        // Whether '5' is a value of an integer column is for the cache to judge, which knows the column's type.
        assertRestricted(PG, "select * from item where id = '5'", ITEM, "id in ('5')");
    }

    /**
     * Escaped, dollar-quoted and prefixed strings reach the parser restated, and a backslash is an escape on a server
     * without standard_conforming_strings: their values are not known as written.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "select * from page where page_title = E'Main'",
            "select * from page where page_title = E'a\\nb' and page_namespace = 0 and page_id = ?",
            "select * from page where page_title = $$Main$$",
            "select * from page where page_title = N'Main'",
            "select * from page where page_title = U&'Main'",
            "select * from page where page_title = 'a\\b'",
            "select * from page where page_title = 'x' || 'y'",
            "select * from page where page_title = 'x' collate \"C\"",
            "select * from page where page_title collate \"C\" = 'x'",
            "select * from page where lower(page_title) = ?",
            "select * from page where page_title = lower(?)",
            "select * from page where page_title::text = ?",
            "select * from page where date_col = date '2024-01-31'",
            "select * from page where uuid_col = ?::uuid"})
    void stringsWhoseValueIsNotWrittenPlainlyAndColumnsUnderFunctionsOrCastsConfineNothing(String sql) {
        assertThat(restrictions(PG, sql).values()).as(sql)
                .allSatisfy(restriction -> assertThat(restriction.valuesOf("page_title")).isNull())
                .allSatisfy(restriction -> assertThat(restriction.valuesOf("date_col")).isNull())
                .allSatisfy(restriction -> assertThat(restriction.valuesOf("uuid_col")).isNull());
    }

    @Test
    void eachTableOfAJoinIsRestrictedByItsOwnWhereConjunct() {
        assertRestricted(PG, "select o.id, c.name from orders o join customer c on c.id = o.customer_id where o.id = ?",
                TableName.of("orders"), "id", param(1));
        assertThat(restrictions(PG, "select * from orders o left join customer c on c.id = o.customer_id "
                + "where o.id = ? and c.id in (?, ?)"))
                .isEqualTo(Map.of(TableName.of("orders"), on("id", param(1)),
                        TableName.of("customer"), on("id", param(2), param(3))));
        assertRestricted(PG, "select * from orders o full join customer c on c.id = o.customer_id where c.id = 4",
                TableName.of("customer"), "id", literal(4));
        assertRestricted(PG, "select * from orders right join customer on customer.id = orders.customer_id "
                + "where customer.id = ?", TableName.of("customer"), "id", param(1));
        assertRestricted(PG, "select * from item i cross join lateral (select * from line l where l.item_id = i.id) x "
                + "where i.id = ?", ITEM, "id", param(1));
    }

    @Test
    void aSchemaQualifiedTableIsReachedByItsBareNameOrItsFullName() {
        assertRestricted(PG, "select * from public.item where item.id = ?", TableName.of("public", "item"), "id", param(1));
        assertRestricted(PG, "select * from public.item where public.item.id = ?", TableName.of("public", "item"), "id",
                param(1));
    }

    @Test
    void clausesThatOnlyShapeTheResultKeepTheRestriction() {
        assertRestricted(PG, "select count(*) from item where id in (?, ?)", ITEM, "id", param(1), param(2));
        assertRestricted(PG, "select name, count(*) from item where id = ? group by name having count(*) > ? "
                + "order by name limit ? offset ?", ITEM, "id", param(1));
        assertRestricted(PG, "select distinct on (name) name from item where id = ? order by name", ITEM, "id", param(1));
        assertRestricted(PG, "select * from item where id = ? fetch first 1 rows only", ITEM, "id", param(1));
    }

    @Test
    void aListUpToTheCollapseThresholdKeepsEveryValue() {
        RowKeyValue[] values = new RowKeyValue[ParserInput.COLLAPSE_THRESHOLD];
        Arrays.setAll(values, i -> param(i + 1));
        String sql = "select * from item where id in (" + "?, ".repeat(values.length - 1) + "?)";
        assertRestricted(PG, sql, ITEM, "id", values);
    }

    @Test
    void aListOfAnyLengthKeepsEveryValueThoughTheParserSeesItCut() {
        int length = 1000;
        RowKeyValue[] values = new RowKeyValue[length];
        Arrays.setAll(values, i -> param(i + 1));
        assertRestricted(PG, "select * from item where id in (" + "?, ".repeat(length - 1) + "?)", ITEM, "id", values);
        Arrays.setAll(values, i -> literal(i - 500));
        StringBuilder literals = new StringBuilder();
        for (int i = 0; i < length; i++) {
            literals.append(i == 0 ? "" : ", ").append(i - 500);
        }
        assertRestricted(PG, "select * from item where id in (" + literals + ")", ITEM, "id", values);
    }

    @Test
    void placeholdersAfterACutListKeepTheirPositions() {
        assertRestricted(PG, "select * from item where sku in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) and id = ?", ITEM,
                "sku in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) and id in (?1)");
        assertRestricted(PG, "select * from item where name = ? and sku in (?, ?, ?, ?, ?, ?, ?, ?, ?) and id = ?", ITEM,
                "name in (?1) and sku in (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) and id in (?11)");
        assertRestricted(PG, "select * from item where a in (?, 2, ?, 4, ?, 6, ?, 8, ?) and b = ? "
                + "and c in ('x', 'y', 'z', 'w', 'v', 'u', 't', 's', 'r') and d = ?", ITEM,
                "a in (?1, 2, ?2, 4, ?3, 6, ?4, 8, ?5) and b in (?6) and c in ('x', 'y', 'z', 'w', 'v', 'u', 't', 's', 'r')"
                        + " and d in (?7)");
        assertRestricted(H2, "update item set name = ? where id in (?, ?, ?, ?, ?, ?, ?, ?, ?) and version = ?", H2_ITEM,
                "ID in (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) and VERSION in (?11)");
    }

    @Test
    void aCutListWithAnElementThatIsNoValueConfinesNothingButTheOtherColumnsStill() {
        assertRestricted(PG, "select * from item where sku in (1, 2, 3, 4, 5, 6, 7, 8, null, 10) and id = ?", ITEM,
                "id", param(1));
        assertRestricted(PG, "select * from item where sku in (1, 2, 3, 4, 5, 6, 7, 8, 9.5, 10) and id = ?", ITEM,
                "id", param(1));
        assertRestricted(PG, "select * from item where sku in (1, 2, 3, 4, 5, 6, 7, 8, E'9', 10) and id = ?", ITEM,
                "id", param(1));
        assertNone(PG, "select * from item where id not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)");
        assertNone(PG, "select * from item where id in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) or id = ?");
    }

    @Test
    void genericDialectIsRestrictedByTheSameRules() {
        assertRestricted(Dialect.GENERIC, "select * from item where id = ?", ITEM, "id", param(1));
        assertRestricted(Dialect.GENERIC, "update item set name = ? where id = ?", ITEM, "id", param(2));
    }

    // ---- placeholder positions ----

    @Test
    void placeholderPositionsCountEveryPlaceholderBeforeAndNoQuestionMarkThatIsNotOne() {
        assertRestricted(PG, "select * from item where name = '?' and note = ? and id = ?", ITEM,
                "name in ('?') and note in (?1) and id in (?2)");
        assertRestricted(PG, "select * /* ? */ from item -- ?\n where \"a?\" = ? and id = ?", ITEM,
                "a? in (?1) and id in (?2)");
        assertRestricted(PG, "select * from item where name = E'\\'?' and note = $$?$$ and id = ?", ITEM, "id", param(1));
        assertRestricted(PG, "select ?, i.name from item i join other x on x.a = ? where x.b > ? and i.id = ?",
                ITEM, "id", param(4));
        assertRestricted(PG, "select {fn ucase(name)} from item where d = {d '2024-01-31'} and n = {fn abs(?)} "
                + "and id = ?", ITEM, "id", param(2));
        assertRestricted(H2, "select * from item where name = '?''?' and price = ? and id in (?, ?)",
                H2_ITEM, "NAME in ('?''?') and PRICE in (?1) and ID in (?2, ?3)");
        assertRestricted(PG, "update item set name = ?, note = '?' where sku = ? and id = ?", ITEM,
                "sku in (?2) and id in (?3)");
        assertRestricted(PG, "insert into item (name, note, id) values ('?', ?, ?) returning id", ITEM,
                "name in ('?') and note in (?1) and id in (?2)");
    }

    @Test
    void aPlaceholderInAnyClauseBeforeTheConjunctShiftsItsPosition() {
        String[] before = {
                "select ? from item where id = ?",
                "select * from item join other o on o.x = ? where item.id = ?",
                "select * from item where abs(price) > ? and id = ?",
                "select * from item where case when price > ? then true else false end and id = ?",
                "select * from item where name in (select name from other where o = ?) and id = ?",
                "select * from item where name between ? and ? and id = ?",
                "select * from item where name = coalesce(?, ?, ?) and id = ?"};
        for (String sql : before) {
            int placeholders = sql.length() - sql.replace("?", "").length();
            assertRestricted(PG, sql, ITEM, "id", param(placeholders));
        }
    }

    /**
     * PostgreSQL's {@code ??} (a JSON operator behind the JDBC escape) reaches the parser as a {@code ?} it does not
     * number; the parser reads {@code ?|} as one operator where JDBC sees a placeholder; it counts {@code $1} as a
     * parameter; and VALUES lists longer than the collapse threshold reach it cut to their first row.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "select * from item where tags ?? 'a' and id = ?",
            "select * from item where tags ?| array['a'] and id = ?",
            "select * from item where tags = $1 and id = ?",
            "insert into item (id) values (?), (?), (?), (?), (?), (?), (?), (?), (?)"})
    void placeholdersOrValuesTheParserDidNotSeeAsWrittenGiveNoRestriction(String sql) {
        assertNone(PG, sql);
    }

    // ---- query negatives ----

    @ParameterizedTest
    @ValueSource(strings = {
            "select * from item where id = ? or name = ?",
            "select * from item where (id = ? or id = ?)",
            "select * from item where not (id = ?)",
            "select * from item where not id = ?",
            "select * from item where id not in (?, ?)",
            "select * from item where id in (select item_id from line where order_id = ?)",
            "select * from item where case when ? then id = ? else true end",
            "select * from item where id = ? && flag",
            "select * from item where id is not distinct from ?",
            "select * from item where id = any (?)",
            "select * from item where id > ?",
            "select * from item where (id, sku) = (?, ?)"})
    void onlyTopLevelEqualityAndInListConjunctsConfine(String sql) {
        assertNone(PG, sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select * from item where id = ?::int",
            "select * from item where id = cast(? as int)",
            "select * from item where id::int = ?",
            "select * from item where id = 5.0",
            "select * from item where id = 1e3",
            "select * from item where id = ? + 1",
            "select * from item where id = abs(?)",
            "select * from item where id = 0x1F",
            "select * from item where id = :id",
            "select * from item where id = ?1",
            "select * from item where id = 9223372036854775808",
            "select * from item where id = -9223372036854775809",
            "select * from item where id = -(5)",
            "select * from item where id = +5",
            "select * from item where id = null"})
    void onlyPlainPlaceholdersIntegerLiteralsAndStringsAreValues(String sql) {
        assertNone(PG, sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select * from item where id = ? and exists (select 1 from item i2 where i2.parent_id = item.id)",
            "select (select max(price) from item) from item where id = ?",
            "select * from item a join item b on a.parent_id = b.id where a.id = ?",
            "select * from item i join \"ITEM\" j on j.x = i.x where i.id = ?",
            "select * from public.item i join audit.item a on a.id = i.id where i.id = ?",
            "select * from item i, lateral (select * from item j where j.parent_id = i.id) l where i.id = ?",
            "select id from item where id = ? union select id from item where id = ?",
            "select id from item where id = ? union all select id from other where id = ?",
            "with x as (select 1) select * from item where id = ?",
            "with item as (select 1 as id) select * from item where id = ?",
            "(select * from item where id = ?)",
            "select * from item where id = ? and sku in (select sku from item)"})
    void aTableNamedMoreThanOnceOrAQueryThatIsNotOnePlainSelectHasNone(String sql) {
        assertNone(PG, sql);
    }

    @Test
    void theConditionMustBeInTheWhereClauseNotInAJoinCondition() {
        assertNone(PG, "select * from item i join other o on o.item_id = i.id and i.id = ?");
        assertThat(restrictions(PG, "select * from item i join other o on o.item_id = i.id and i.id = ? where o.id = ?"))
                .isEqualTo(Map.of(TableName.of("other"), on("id", param(2))));
    }

    @Test
    void anUnqualifiedColumnOnlyConfinesTheOnlyTableInFrom() {
        assertNone(PG, "select * from item i join other o on o.item_id = i.id where id = ?");
        assertNone(PG, "select * from item, other where id = ?");
        assertNone(PG, "select * from item, generate_series(1, 3) where id = ?");
        assertNone(PG, "select * from item, (select 1 as x) s where id = ?");
    }

    @Test
    void aQualifierMustNameTheTableByItsAliasOrItsOwnName() {
        assertNone(PG, "select * from item i where item.id = ?");
        assertNone(PG, "select * from item where other.item.id = ?");
        assertNone(PG, "select * from item where public.item.id = ?");
        assertNone(PG, "select * from public.item where audit.item.id = ?");
        assertNone(PG, "select * from item i where j.id = ?");
        assertNone(PG, "select * from item, other item where item.id = ?");
        assertThat(restrictions(PG, "select * from item i join other o on o.item_id = i.id where o.id = ?"))
                .isEqualTo(Map.of(TableName.of("other"), on("id", param(1))));
    }

    @Test
    void tablesWhoseColumnsOrRowsAreNotTheTableAsStoredHaveNone() {
        assertNone(PG, "select * from item as i(a, b) where i.a = ?");
        assertNone(PG, "select * from item tablesample system (10) repeatable (1) where id = ?");
        assertNone(PG, "select * from (item i join other o on o.item_id = i.id) where i.id = ?");
    }

    @Test
    void onlyCacheableQueriesHaveRestrictions() {
        assertNone(PG, "select * from item where id = ? for update");
        assertNone(PG, "select *, random() from item where id = ?");
        assertNone(PG, "select * from item where id = ? and owner = current_user");
        assertNone(PG, "select my_function(id) from item where id = ?");
        assertNone(PG, "select * into item_copy from item where id = ?");
        assertNone(PG, "explain select * from item where id = ?");
    }

    @Test
    void severalStatementsInOneTextHaveNone() {
        assertThat(restrictions(PG, "select * from item where id = ?; select * from other where id = ?")).isEmpty();
        assertThat(restrictions(PG, "delete from item where id = ?; select 1")).isEmpty();
    }

    // ---- UPDATE ----

    @Test
    void anUpdateIsConfinedByItsWhereUnlessItAssignsTheColumn() {
        assertRestricted(PG, "update item i set name = ? where i.id = ?", ITEM, "id", param(2));
        assertRestricted(PG, "update item set name = ? where id in (?, ?) and version = ?", ITEM,
                "id in (?2, ?3) and version in (?4)");
        assertRestricted(PG, "update review set rating = ? where i_id = ? and u_id = ?", TableName.of("review"),
                "i_id in (?2) and u_id in (?3)");
        assertRestricted(PG, "update page set page_title = ? where page_namespace = ? and page_title = ?",
                TableName.of("page"), "page_namespace", param(2));
        assertRestricted(PG, "update item set name = ? where id = ? returning id, name", ITEM, "id", param(2));
        assertNone(PG, "update item set id = ? where id = ?");
        assertNone(PG, "update item set ID = id + 1 where id = 4");
        assertNone(PG, "update item set (name, id) = (?, ?) where id = ?");
        assertNone(PG, "update item i set i.id = ? where i.id = ?");
        assertNone(PG, "update item set name = ?");
        assertNone(PG, "update item set name = ? where id = ? or sku = ?");
    }

    @Test
    void anUpdateAssigningTheIdIsConfinedByAnotherColumnItLeavesAlone() {
        assertRestricted(PG, "update item set id = ? where id = ? and sku = ?", ITEM, "sku", param(3));
    }

    @Test
    void anUpdateFromOtherTablesIsConfinedOnlyOnPostgresqlAndOnlyByAQualifiedColumn() {
        assertRestricted(PG, "update item set name = o.name from other o where item.id = ? and o.id = item.other_id",
                ITEM, "id", param(1));
        assertRestricted(PG, "update item i set name = o.name from other o where o.id = i.other_id and i.id = ?",
                ITEM, "id", param(1));
        assertNone(PG, "update item set name = o.name from other o where id = ?");
        assertNone(PG, "update item set name = o.name from item o where item.id = ?");
        assertNone(H2, "update item set name = o.name from other o where item.id = ?");
        assertNone(Dialect.GENERIC, "update item i join other o on o.id = i.other_id set i.name = ? where i.id = ?");
    }

    @Test
    void anUpdateReadingItsTableAgainOrDoingMoreThanItSaysHasNone() {
        assertNone(PG, "update item set name = (select max(name) from item) where id = ?");
        assertNone(PG, "update item set name = ? where id = ? and exists (select 1 from item where sku = ?)");
        assertNone(PG, "with x as (select 1) update item set name = ? where id = ?");
        assertNone(PG, "update item set name = my_function(?) where id = ?");
        assertThat(restrictions(PG, "update item set name = ? where current of item_cursor")).isEmpty();
    }

    // ---- DELETE ----

    @Test
    void aDeleteIsConfinedByItsWhere() {
        assertRestricted(PG, "delete from item i where i.id = ?", ITEM, "id", param(1));
        assertRestricted(PG, "delete from item where id in (1, 2) returning *", ITEM, "id", literal(1), literal(2));
        assertRestricted(H2, "delete from item where id = ? limit 1", H2_ITEM, "ID", param(1));
        assertRestricted(PG, "delete from item i using other o where i.id = ? and o.id = i.other_id", ITEM, "id",
                param(1));
        assertNone(PG, "delete from item");
        assertNone(PG, "delete from item where id = ? or id = ?");
        assertNone(PG, "delete from item where id in (select item_id from line)");
        assertNone(PG, "delete from item i using other o where id = ?");
        assertNone(PG, "delete from item i using item o where i.id = ? and o.parent_id = i.id");
        assertNone(PG, "with old as (select 1) delete from item where id = ?");
        assertNone(Dialect.GENERIC, "delete i from item i join other o on o.id = i.other_id where i.id = ?");
    }

    // ---- INSERT ----

    @Test
    void anInsertIsConfinedByEveryColumnWhoseValueIsAKeyValueInEveryRow() {
        assertRestricted(PG, "insert into item (id, name) values (?, ?)", ITEM, "id in (?1) and name in (?2)");
        assertRestricted(PG, "insert into item (name, id) values (?, 1), (?, 2)", ITEM, "name in (?1, ?2) and id in (1, 2)");
        assertRestricted(PG, "insert into item (name,price,id) values (?,?,?),(?,?,?)", ITEM,
                "name in (?1, ?4) and price in (?2, ?5) and id in (?3, ?6)");
        assertRestricted(PG, "insert into item (id) values (-3)", ITEM, "id", literal(-3));
        assertRestricted(PG, "insert into item (id) values ('5')", ITEM, "id in ('5')");
        assertRestricted(PG, "insert into item (id, name) values (?, ?) returning id", ITEM, "id in (?1) and name in (?2)");
        assertRestricted(PG, "insert into item (id, name) overriding system value values (?, ?)", ITEM,
                "id in (?1) and name in (?2)");
        assertRestricted(H2, "insert into item (name, id) values (?, ?)", H2_ITEM, "NAME in (?1) and ID in (?2)");
        assertRestricted(PG, "insert into review (i_id, u_id, rating) values (?, ?, ?)", TableName.of("review"),
                "i_id in (?1) and u_id in (?2) and rating in (?3)");
    }

    @Test
    void aColumnWithoutAValueInSomeRowIsLeftOutOfAnInsertsRestriction() {
        assertRestricted(PG, "insert into item (id, sku, name) values (nextval('item_seq'), ?, now())", ITEM, "sku",
                param(1));
        assertRestricted(PG, "insert into item (id, name) values (?, ?), (default, ?)", ITEM, "name", param(2),
                param(3));
        assertRestricted(PG, "insert into item (id, sku) values (?, ?), (null, ?)", ITEM, "sku", param(2), param(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "insert into item values (?, ?)",
            "insert into item (id) values (default)",
            "insert into item (id) values (null)",
            "insert into item (id) values (? + 1)",
            "insert into item (id) values (?::bigint)",
            "insert into item (id) values ((?))",
            "insert into item (id, id) values (?, ?)",
            "insert into item default values",
            "insert into item (id) select ?",
            "insert into item (id) select id from other where id = ?",
            "insert into item (id) values (?) returning (select count(*) from item)",
            "with x as (select 1) insert into item (id) values (?)",
            "with x as (insert into item (id) values (?) returning id) select * from x"})
    void anInsertWithoutAColumnListOfKeyValuesHasNone(String sql) {
        assertNone(PG, sql);
    }

    @Test
    void onConflictDoNothingOnlyAddsFewerRows() {
        assertRestricted(PG, "insert into item (id, name) values (?, ?) on conflict do nothing", ITEM,
                "id in (?1) and name in (?2)");
        assertRestricted(PG, "insert into item (id, name) values (?, ?) on conflict (sku) do nothing", ITEM,
                "id in (?1) and name in (?2)");
    }

    @Test
    void onConflictDoUpdateIsConfinedOnlyByItsConflictColumnsLeftUnassignedThroughTheUniqueIndex() {
        assertRestricted(PG, "insert into item (id, name) values (?, ?) on conflict (id) do update set name = excluded.name",
                ITEM, "id in (?1) by unique index");
        assertRestricted(PG, "insert into item (id, sku, name) values (?, ?, ?) "
                + "on conflict (sku) do update set name = excluded.name", ITEM, "sku in (?2) by unique index");
        assertRestricted(PG, "insert into review (i_id, u_id, rating) values (?, ?, ?) "
                + "on conflict (i_id, u_id) do update set rating = excluded.rating", TableName.of("review"),
                "i_id in (?1) and u_id in (?2) by unique index");
        assertRestricted(PG, "insert into item (id, name) values (?, ?) on conflict (id, name) do update set name = ?",
                ITEM, "id in (?1) by unique index");
        assertNone(PG, "insert into item (id, name) values (?, ?) on conflict (id) do update set id = excluded.id + 1");
        assertNone(PG, "insert into item (id, name) values (?, ?) on conflict (sku) do update set name = excluded.name");
        assertNone(PG, "insert into item (id, name) values (?, ?) on conflict on constraint item_pkey "
                + "do update set name = excluded.name");
    }

    @Test
    void upsertsThatReplaceOrUpdateOtherRowsHaveNone() {
        assertNone(Dialect.GENERIC, "insert into item (id, name) values (?, ?) on duplicate key update name = ?");
        assertNone(Dialect.GENERIC, "insert ignore into item (id, name) values (?, ?)");
        assertNone(Dialect.GENERIC, "replace into item (id, name) values (?, ?)");
        assertNone(H2, "merge into item key (id) values (?, ?)");
        assertNone(H2, "merge into item (id, name) key (id) values (?, ?)");
        assertNone(PG, "merge into item t using other s on t.id = s.id when matched then update set name = s.name");
    }
}
