package dev.cachedjdbc.conformance.clients;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import java.math.BigDecimal;

/** A book sold as a file: a subclass stored in the books' table, told apart by its discriminator. */
@Entity
@DiscriminatorValue("ebook")
public class Ebook extends Book {

    @Column(name = "file_format", length = 10)
    private String fileFormat;

    protected Ebook() {
    }

    Ebook(Author author, String title, BigDecimal price, String fileFormat) {
        super(author, title, price);
        this.fileFormat = fileFormat;
    }

    String getFileFormat() {
        return fileFormat;
    }
}
