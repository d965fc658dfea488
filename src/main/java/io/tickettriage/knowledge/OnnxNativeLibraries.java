package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ONNX Runtime's native libraries are loaded from. By itself it copies them out of its jar into a new temporary
 * folder each time a JVM loads it, and leaves the folder behind: one {@code /tmp/onnxruntime-java...} per service
 * start, per {@code eval}, per {@code import}. Here they are copied once into a folder of the user's cache, named
 * after the libraries, and every later JVM of that user loads them from there ({@code onnxruntime.native.path}).
 * Copies are written under a temporary name and moved into place, so that processes starting together never load
 * half a file. Where that cannot be done (an operator's own {@code onnxruntime.native.path}, no libraries for this
 * platform in the jar, no writable cache folder), ONNX Runtime's own way is left as it is.
 */
final class OnnxNativeLibraries {

    static final String PROPERTY = "onnxruntime.native.path";

    private static final Logger log = LoggerFactory.getLogger(OnnxNativeLibraries.class);
    private static boolean settled;

    private OnnxNativeLibraries() {
    }

    /** Points ONNX Runtime at the cached copies, once per JVM; call before its first class is used. */
    static synchronized void provide() {
        if (settled) {
            return;
        }
        settled = true;
        Path cache = cacheFolder();
        if (cache != null && System.getProperty(PROPERTY) == null) {
            Path folder = provide(cache, platform());
            if (folder != null) {
                System.setProperty(PROPERTY, folder.toString());
            }
        }
    }

    /**
     * Copies this platform's two libraries into a folder of {@code cache} unless they are there already, and returns
     * that folder; null when the jar has none for the platform or they cannot be written.
     */
    static @Nullable Path provide(Path cache, @Nullable Platform platform) {
        if (platform == null) {
            return null;
        }
        String prefix = "ai/onnxruntime/native/" + platform.folder() + "/";
        URL runtime = OnnxNativeLibraries.class.getClassLoader().getResource(prefix + platform.runtime());
        URL binding = OnnxNativeLibraries.class.getClassLoader().getResource(prefix + platform.binding());
        if (runtime == null || binding == null) {
            return null;
        }
        try {
            byte[] bindingBytes;
            try (InputStream in = binding.openStream()) {
                bindingBytes = in.readAllBytes();
            }
            // the small library's content and the large one's size tell one release of ONNX Runtime from another
            long runtimeSize = runtime.openConnection().getContentLengthLong();
            String name = platform.folder() + "-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bindingBytes)).substring(0, 16) + "-" + runtimeSize;
            Path folder = Files.createDirectories(cache.resolve(name));
            copyIfMissing(runtime, folder.resolve(platform.runtime()));
            copyIfMissing(binding, folder.resolve(platform.binding()));
            return folder;
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            log.debug("ONNX Runtime's libraries could not be cached in {}; it copies them itself", cache, e);
            return null;
        }
    }

    private static void copyIfMissing(URL resource, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return;
        }
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The user's cache folder ({@code $XDG_CACHE_HOME} or {@code ~/.cache}), under {@code ticket-triage}. */
    private static @Nullable Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : home != null && !home.isBlank() && !"?".equals(home) ? Path.of(home, ".cache") : null;
        return base == null ? null : base.resolve("ticket-triage").resolve("onnxruntime");
    }

    /** The libraries' folder and file names in ONNX Runtime's jar for this JVM's system and processor. */
    record Platform(String folder, String runtime, String binding) {
    }

    static @Nullable Platform platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = List.of("amd64", "x86_64").contains(arch) ? "x64"
                : List.of("aarch64", "arm64").contains(arch) ? "aarch64" : null;
        if (cpu == null) {
            return null;
        }
        if (os.contains("linux")) {
            return new Platform("linux-" + cpu, "libonnxruntime.so", "libonnxruntime4j_jni.so");
        }
        if (os.contains("mac")) {
            return new Platform("osx-" + cpu, "libonnxruntime.dylib", "libonnxruntime4j_jni.dylib");
        }
        if (os.contains("windows")) {
            return new Platform("win-" + cpu, "onnxruntime.dll", "onnxruntime4j_jni.dll");
        }
        return null;
    }
}
