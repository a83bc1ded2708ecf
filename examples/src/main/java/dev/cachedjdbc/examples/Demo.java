package dev.cachedjdbc.examples;

import dev.cachedjdbc.examples.demo.DemoOptions;
import dev.cachedjdbc.examples.demo.DemoRun;
import java.nio.file.Path;

/**
 * The cache at work in under a minute: {@code mvn -q -B -pl examples -am compile exec:java} from the repository
 * root, on embedded H2; {@code -Dexec.args="--url jdbc:postgresql://127.0.0.1:5432/test --user postgres"} runs it
 * against any database with a JDBC driver on the class path.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, Path.of(System.getProperty("demo.reportDirectory", "target")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return;
        }
        new DemoRun(options, System.out, System.console() != null).run();
    }
}
