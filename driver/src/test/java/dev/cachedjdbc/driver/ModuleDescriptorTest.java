package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver's module opens only its API to applications and offers the driver to DriverManager as a service. */
class ModuleDescriptorTest {

    @Test
    void onlyTheApiPackageIsExportedAndTheDriverIsProvided() throws IOException, URISyntaxException {
        Path classes = Path.of(CachedJdbcDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.cachedjdbc.driver");
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.provides()).anyMatch(provides -> provides.service().equals("java.sql.Driver")
                && provides.providers().equals(List.of(CachedJdbcDriver.class.getName())));
    }
}
