package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The images the {@code image} profile builds carry the names and ports the manifests use: every
 * service module (every module with a provider, which is what gives it an image) names the
 * catalog's image and port, and its main class.
 */
class ImageNamesTest {

    /** Service modules sit beside this one: app/<catalog name>/pom.xml. */
    private static final Path APP = Path.of("..");

    static Stream<String> servicesWithImages() {
        return LocalStack.available().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servicesWithImages")
    void theImageIsNamedAndExposedAsTheCatalogSays(String name) {
        ServiceSpec spec = ServiceCatalog.get(name);
        assertThat(property(name, "service.image")).contains(spec.image());
        assertThat(property(name, "service.port")).contains(Integer.toString(spec.port()));
        assertThat(property(name, "service.main")).isPresent();
    }

    @org.junit.jupiter.api.Test
    void imagesAreTaggedAsTheLocalStackDeploysThem() throws IOException {
        // app/ must not depend on charts-gen, so the stack file is read as text.
        String stack = Files.readString(APP.resolve("../stacks/Pulumi.local.yaml"));
        Matcher tag = Pattern.compile("(?m)^\\s+tag:\\s*\"?([^\"\\s]+)\"?").matcher(stack);
        assertThat(tag.find()).as("stacks/Pulumi.local.yaml names an image tag").isTrue();
        assertThat(pomProperty(APP.resolve("pom.xml"), "image.tag")).contains(tag.group(1));
    }

    private static Optional<String> property(String module, String name) {
        return pomProperty(APP.resolve(module).resolve("pom.xml"), name);
    }

    private static Optional<String> pomProperty(Path pom, String name) {
        if (!Files.isRegularFile(pom)) {
            return Optional.empty();
        }
        try {
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(Files.readString(pom));
            return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
