package dev.cachedjdbc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheStatistics;
import dev.cachedjdbc.examples.hibernate.HibernateExample;
import dev.cachedjdbc.examples.hikari.HikariExample;
import dev.cachedjdbc.examples.jdbc.PlainJdbcExample;
import dev.cachedjdbc.examples.spring.SpringJdbcExample;
import dev.cachedjdbc.examples.springboot.SpringBootExample;
import org.junit.jupiter.api.Test;

/** Every copyable setup runs on embedded H2 and its repeated read is answered from the cache. */
class SetupExamplesTest {

    @Test
    void plainJdbcAnswersTheRepeatedReadFromTheCache() throws Exception {
        assertOneLoadThenHits(PlainJdbcExample.run(ExampleDatabases.cachedH2Url("ex_jdbc")));
    }

    @Test
    void hikariPoolAnswersTheReadOnTheNextBorrowedConnectionFromTheCache() throws Exception {
        assertOneLoadThenHits(HikariExample.run(ExampleDatabases.cachedH2Url("ex_hikari")));
    }

    @Test
    void hibernateAnswersTheSecondSessionsFindFromTheCache() {
        assertOneLoadThenHits(HibernateExample.run(ExampleDatabases.cachedH2Url("ex_hibernate")));
    }

    @Test
    void springJdbcTemplateAnswersTheRepeatedQueryFromTheCache() {
        assertOneLoadThenHits(SpringJdbcExample.run(ExampleDatabases.cachedH2Url("ex_spring")));
    }

    @Test
    void springBootConfiguredByPropertiesAloneAnswersTheRepeatedQueryFromTheCache() {
        assertOneLoadThenHits(SpringBootExample.run(
                "--spring.datasource.url=" + ExampleDatabases.cachedH2Url("ex_boot")));
    }

    private static void assertOneLoadThenHits(CacheStatistics statistics) {
        assertThat(statistics.loads()).as("the first read goes to the database").isEqualTo(1);
        assertThat(statistics.hits()).as("the repeated read is a cache hit").isGreaterThanOrEqualTo(1);
    }
}
