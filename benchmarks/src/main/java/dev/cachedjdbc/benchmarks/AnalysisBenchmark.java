package dev.cachedjdbc.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.SqlAnalyzer;
import dev.cachedjdbc.analysis.StatementAnalysis;

/**
 * What SQL analysis costs a statement: the first time a text is seen (lexing, parsing, walking) and every time after
 * (one cache lookup). The queries are shaped like those three common data-access libraries generate.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnalysisBenchmark {

    /** The statements, by the library whose output they imitate. */
    public enum Query {
        HIBERNATE("select o1_0.id,o1_0.created_at,o1_0.status,o1_0.total,c1_0.id,c1_0.email,c1_0.name "
                + "from orders o1_0 join customer c1_0 on c1_0.id=o1_0.customer_id "
                + "left join order_line l1_0 on o1_0.id=l1_0.order_id "
                + "where o1_0.status=? and c1_0.email like ? order by o1_0.created_at desc fetch first ? rows only"),
        JOOQ("select \"public\".\"book\".\"id\", \"public\".\"book\".\"title\", \"public\".\"author\".\"last_name\" "
                + "from \"public\".\"book\" join \"public\".\"author\" "
                + "on \"public\".\"book\".\"author_id\" = \"public\".\"author\".\"id\" "
                + "where (\"public\".\"book\".\"published_in\" > ? and \"public\".\"author\".\"country\" = ?) "
                + "order by \"public\".\"book\".\"title\" asc limit ?"),
        SPRING_DATA("select u.id, u.username, u.email, u.created_date from app_user u "
                + "where u.active = ? and u.tenant_id = ? order by u.created_date desc offset ? rows fetch next ? rows only");

        final String sql;

        Query(String sql) {
            this.sql = sql;
        }
    }

    /** A warm analyser that has seen the query once: what every later execution of the statement costs. */
    @State(Scope.Benchmark)
    public static class Repeated {
        @Param
        Query query;
        SqlAnalyzer analyzer;
        String sql;

        @Setup(Level.Trial)
        public void analyseOnce() {
            analyzer = new SqlAnalyzer();
            sql = query.sql;
            analyzer.analyze(sql, Dialect.POSTGRESQL);
        }
    }

    /**
     * A text the analyser has not seen: each invocation adds a distinct trailing comment, which changes nothing
     * about the statement but makes it a new cache entry, so the full analysis runs every time.
     */
    @State(Scope.Thread)
    public static class FirstTime {
        @Param
        Query query;
        SqlAnalyzer analyzer;
        long counter;

        @Setup(Level.Trial)
        public void createAnalyser() {
            // A small cache keeps memory flat; every text is new anyway.
            analyzer = new SqlAnalyzer(SqlAnalyzer.DEFAULT_PARSE_TIMEOUT, 1_000);
        }

        String nextText() {
            return query.sql + " -- " + counter++;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public StatementAnalysis firstAnalysis(FirstTime state) {
        return state.analyzer.analyze(state.nextText(), Dialect.POSTGRESQL);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public StatementAnalysis repeatedAnalysis(Repeated state) {
        return state.analyzer.analyze(state.sql, Dialect.POSTGRESQL);
    }
}
