package dev.cachedjdbc.conformance.clients;

import java.math.BigDecimal;

/** The writes of one transaction in the scenario: a price change and a new book by the same author. */
record Revision(long bookId, BigDecimal newPrice, long authorId, String addedTitle, BigDecimal addedPrice) {
}
