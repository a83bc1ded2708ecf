package dev.cachedjdbc.examples.springboot;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring Boot: {@code spring.datasource.url} in {@code application.properties} gets the {@code jdbc:cached:} URL and
 * Boot's own HikariCP pool and JdbcTemplate do the rest. No code changes.
 */
@SpringBootApplication
public class SpringBootExample {

    public static void main(String[] args) {
        CacheStatistics statistics = run(args);
        System.out.println("cache hits: " + statistics.hits() + ", database loads: " + statistics.loads());
    }

    /** Starts the application, runs one query twice and returns the cache's counters. */
    public static CacheStatistics run(String... args) {
        try (ConfigurableApplicationContext context = SpringApplication.run(SpringBootExample.class, args)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
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
}
