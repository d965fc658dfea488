package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxNativeLibrariesTests {

    @TempDir
    Path cache;

    @Test
    void copiesThisPlatformsLibrariesOnceAndReusesThemAfterwards() throws Exception {
        OnnxNativeLibraries.Platform platform = OnnxNativeLibraries.platform();
        assertThat(platform).as("the build runs on a platform ONNX Runtime ships libraries for").isNotNull();

        Path folder = OnnxNativeLibraries.provide(cache, platform);

        assertThat(folder).isNotNull().startsWith(cache);
        assertThat(folder.getFileName().toString()).startsWith(platform.folder() + "-");
        Path runtime = folder.resolve(platform.runtime());
        assertThat(Files.size(runtime)).isGreaterThan(1_000_000);
        assertThat(Files.size(folder.resolve(platform.binding()))).isGreaterThan(10_000);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).as("no partial copy left").hasSize(2);
        }

        FileTime written = Files.getLastModifiedTime(runtime);
        Files.setLastModifiedTime(runtime, FileTime.fromMillis(written.toMillis() - 60_000));
        assertThat(OnnxNativeLibraries.provide(cache, platform)).isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(runtime).toMillis()).as("not copied again")
                .isEqualTo(written.toMillis() - 60_000);
    }

    @Test
    void leavesOnnxRuntimesOwnWayWhereItCannotHelp() throws Exception {
        assertThat(OnnxNativeLibraries.provide(cache, null)).isNull();
        assertThat(OnnxNativeLibraries.provide(cache, new OnnxNativeLibraries.Platform("plan9-x64", "a", "b")))
                .isNull();
        Path file = Files.writeString(cache.resolve("not-a-folder"), "x");
        assertThat(OnnxNativeLibraries.provide(file, OnnxNativeLibraries.platform())).isNull();
    }

    @Test
    void theServicesEmbeddingModelLoadsTheLibrariesFromTheCachedFolder() {
        float[] vector = new MiniLmEmbeddingModel().embed("printer jammed");

        assertThat(vector).hasSize(384);
        String path = System.getProperty(OnnxNativeLibraries.PROPERTY);
        assertThat(path).as("set unless the user's cache folder cannot be written").isNotNull();
        assertThat(Path.of(path).resolve(OnnxNativeLibraries.platform().runtime())).isRegularFile();
    }
}
