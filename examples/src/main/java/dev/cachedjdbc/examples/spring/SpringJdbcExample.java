package dev.cachedjdbc.examples.spring;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Spring's JdbcTemplate without Spring Boot: the data source gets the {@code jdbc:cached:} URL, nothing else changes. */
public final class SpringJdbcExample {

    static final String URL = "jdbc:cached:h2:mem:spring_jdbc_example;DB_CLOSE_DELAY=-1";

    private SpringJdbcExample() {
    }

    public static void main(String[] args) {
        CacheStatistics statistics = run(URL);
        System.out.println("cache hits: " + statistics.hits() + ", database loads: " + statistics.loads());
    }

    /** Runs one query twice, each time on a new connection: the second is answered from memory. */
    public static CacheStatistics run(String url) {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        jdbc.execute("create table city (id int primary key, name varchar(40))");
        jdbc.update("insert into city values (?, ?)", 1, "Lisbon");
        for (int read = 1; read <= 2; read++) {
            String name = jdbc.queryForObject("select name from city where id = ?", String.class, 1);
            System.out.println("read " + read + ": " + name);
        }
        return jdbc.execute((ConnectionCallback<CacheStatistics>) connection ->
                connection.unwrap(CacheControl.class).statistics());
    }
}
