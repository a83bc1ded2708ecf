package dev.cachedjdbc.conformance.clients;

import java.math.BigDecimal;

/** A book as the scenario reads it back: what every client must return identically with and without the cache. */
record BookView(String title, BigDecimal price) {
}
