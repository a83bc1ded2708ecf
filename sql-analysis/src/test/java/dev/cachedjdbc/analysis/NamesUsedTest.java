package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names and operators an analysis reports, where a catalog finds the code of users' making a statement may run. */
class NamesUsedTest {

    private final SqlAnalyzer analyzer = UnhurriedAnalyzer.create();

    @Test
    void functionNamesInAnyCaseAreReportedInLowerCase() {
        assertThat(analyzer.analyze("SELECT UPPER(7), lower('x')", Dialect.POSTGRESQL).namesUsed())
                .contains("upper", "lower");
    }

    @Test
    void quotedNamesLoseTheirQuotes() {
        assertThat(analyzer.analyze("SELECT \"MyFunc\"(1), \"s\".\"f\"(2)", Dialect.POSTGRESQL).namesUsed())
                .contains("myfunc", "s", "f");
    }

    @Test
    void attributeNotationCastTargetsAndDomainsAreAmongTheNames() {
        assertThat(analyzer.analyze("SELECT r.total, CAST(1 AS money_domain), 2::my_type FROM r", Dialect.POSTGRESQL)
                .namesUsed()).contains("total", "money_domain", "my_type");
    }

    @Test
    void operatorsAreReported() {
        assertThat(analyzer.analyze("SELECT a === b, c @@ d, e + f FROM t", Dialect.POSTGRESQL).namesUsed())
                .contains("===", "@@", "+");
    }

    @Test
    void stringsAndNumbersAreNotNames() {
        assertThat(analyzer.analyze("SELECT 'upper', 42 FROM t", Dialect.POSTGRESQL).namesUsed())
                .doesNotContain("upper", "'upper'", "42");
    }

    @Test
    void writesAndTextsThatCannotBeReadReportTheirNamesToo() {
        assertThat(analyzer.analyze("UPDATE t SET v = evil(v)", Dialect.POSTGRESQL).namesUsed()).contains("evil");
        assertThat(analyzer.analyze("SELECT f(1); SELECT g(2)", Dialect.POSTGRESQL).namesUsed()).contains("f", "g");
    }
}
