package dev.cachedjdbc.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final Path REPORTS = Path.of("target");

    @Test
    void withoutArgumentsTheDemoRunsOnEmbeddedH2() {
        DemoOptions options = DemoOptions.parse(new String[0], REPORTS);
        assertThat(options.embedded()).isTrue();
        assertThat(options.cachedUrl()).startsWith("jdbc:cached:h2:mem:");
        assertThat(options.credentials()).isEmpty();
    }

    @Test
    void eitherSpellingOfTheUrlGivesThePlainAndTheCachedOne() {
        for (String url : new String[] {"jdbc:postgresql://127.0.0.1:5432/test",
                "jdbc:cached:postgresql://127.0.0.1:5432/test"}) {
            DemoOptions options = DemoOptions.parse(new String[] {"--url", url, "--user", "postgres"}, REPORTS);
            assertThat(options.plainUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
            assertThat(options.cachedUrl()).isEqualTo("jdbc:cached:postgresql://127.0.0.1:5432/test");
            assertThat(options.credentials().getProperty("user")).isEqualTo("postgres");
            assertThat(options.embedded()).isFalse();
        }
    }

    @Test
    void unknownOptionsAndBadNumbersAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--colour", "blue"}, REPORTS))
                .hasMessageContaining("unknown option --colour").hasMessageContaining("usage:");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--threads", "0"}, REPORTS))
                .hasMessageContaining("--threads");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--url"}, REPORTS))
                .hasMessageContaining("--url needs a value");
    }
}
