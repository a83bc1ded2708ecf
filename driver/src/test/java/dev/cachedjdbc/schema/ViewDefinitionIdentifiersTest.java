package dev.cachedjdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewDefinitionIdentifiersTest {

    @Test
    void quotedAndBareIdentifiersAreFoundInLowerCase() {
        String definition = "SELECT \"O\".\"ID\", total FROM \"PUBLIC\".\"ORDERS\" \"O\" JOIN Lines ON 1=1";

        assertThat(ViewDefinitionIdentifiers.in(definition))
                .contains("o", "id", "total", "public", "orders", "lines")
                .doesNotContain("1");
    }

    @Test
    void doubledQuotesInsideAQuotedIdentifierAreOneQuote() {
        assertThat(ViewDefinitionIdentifiers.in("SELECT * FROM \"odd\"\"name\"")).contains("odd\"name");
    }

    @Test
    void stringLiteralsAreNotIdentifiers() {
        assertThat(ViewDefinitionIdentifiers.in("SELECT * FROM t WHERE kind = 'orders'' archive'"))
                .contains("t", "kind")
                .doesNotContain("orders", "archive");
    }

    @Test
    void wordsKeepDigitsUnderscoresAndDollarSigns() {
        assertThat(ViewDefinitionIdentifiers.in("SELECT * FROM sales_2025, MV$1"))
                .contains("sales_2025", "mv$1")
                .doesNotContain("sales", "mv");
    }
}
