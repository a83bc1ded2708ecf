package dev.cachedjdbc.conformance.clients;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/** A book of the Hibernate application; e-books share its table. Versioned, so concurrent edits conflict. */
@Entity
@Table(name = "orm_book")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind", length = 10)
@DiscriminatorValue("print")
public class Book {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orm_book_ids")
    @SequenceGenerator(name = "orm_book_ids", sequenceName = "orm_book_seq", allocationSize = 20)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private Author author;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, precision = 10, scale = 2)
    private BigDecimal price;

    @Version
    private int version;

    protected Book() {
    }

    Book(Author author, String title, BigDecimal price) {
        this.author = author;
        this.title = title;
        this.price = price;
    }

    Long getId() {
        return id;
    }

    Author getAuthor() {
        return author;
    }

    String getTitle() {
        return title;
    }

    BigDecimal getPrice() {
        return price;
    }

    void setPrice(BigDecimal price) {
        this.price = price;
    }

    int getVersion() {
        return version;
    }

    BookView view() {
        return new BookView(title, price);
    }
}
