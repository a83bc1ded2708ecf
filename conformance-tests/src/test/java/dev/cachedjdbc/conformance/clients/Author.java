package dev.cachedjdbc.conformance.clients;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** An author of the Hibernate application, with the books that name them. */
@Entity
@Table(name = "orm_author")
public class Author {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "orm_author_ids")
    @SequenceGenerator(name = "orm_author_ids", sequenceName = "orm_author_seq", allocationSize = 20)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @OneToMany(mappedBy = "author")
    @OrderBy("title")
    private List<Book> books = new ArrayList<>();

    protected Author() {
    }

    Author(String name) {
        this.name = name;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    List<Book> getBooks() {
        return books;
    }
}
