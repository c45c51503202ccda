package com.flash.backoffice.workflows.regtest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the btcd/lnd binaries, building them with {@code workflows/regtest/build.sh} when needed (the script
 * itself returns at once when its cache folder is complete).
 *
 * <p>Overrides: {@code -Dflash.regtest.bin=DIR} (or env {@code FLASH_REGTEST_BIN}) uses prebuilt binaries;
 * {@code -Dflash.regtest.dir=DIR} points at the folder holding build.sh.
 */
final class RegtestBinaries {
    private static final List<String> BINARIES = List.of("btcd", "lnd");

    private RegtestBinaries() {}

    static Path locate() throws IOException, InterruptedException {
        String prebuilt = System.getProperty("flash.regtest.bin", System.getenv("FLASH_REGTEST_BIN"));
        if (prebuilt != null && !prebuilt.isBlank()) {
            Path bin = Path.of(prebuilt);
            requireBinaries(bin, "flash.regtest.bin / FLASH_REGTEST_BIN");
            return bin;
        }
        Path script = findBuildScript();
        String go = findGo();
        if (go == null) {
            throw new IllegalStateException("the regtest harness builds btcd and lnd from source with Go, but no 'go'"
                    + " is on PATH or in /usr/local/go/bin: install Go 1.21+ (or pass -Dflash.regtest.bin=DIR with"
                    + " prebuilt btcd and lnd)");
        }
        Path log = Files.createTempFile("flash-regtest-build-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .directory(script.getParent().toFile())
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT); // build progress and timings go to the test output
        String path = System.getenv().getOrDefault("PATH", "");
        builder.environment().put("PATH", Path.of(go).getParent() + File.pathSeparator + path);
        long t0 = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(45, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 45 minutes");
        }
        List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (process.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException("bash " + script + " failed with exit code " + process.exitValue()
                    + " (its messages are in the test output above)");
        }
        Path bin = Path.of(out.get(out.size() - 1).trim());
        requireBinaries(bin, script.toString());
        System.out.printf("[regtest] binaries in %s (%.1f s)%n", bin, (System.nanoTime() - t0) / 1e9);
        return bin;
    }

    private static void requireBinaries(Path bin, String origin) {
        for (String name : BINARIES) {
            if (!Files.isExecutable(bin.resolve(name))) {
                throw new IllegalStateException("no executable " + name + " in " + bin + " (from " + origin + ")");
            }
        }
    }

    private static Path findBuildScript() {
        String configured = System.getProperty("flash.regtest.dir");
        if (configured != null) {
            return Path.of(configured, "build.sh").toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("regtest/build.sh"), dir.resolve("workflows/regtest/build.sh"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find workflows/regtest/build.sh above "
                + Path.of("").toAbsolutePath() + "; pass -Dflash.regtest.dir=<path to workflows/regtest>");
    }

    private static String findGo() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path go = Path.of(dir.isEmpty() ? "." : dir, "go");
            if (Files.isExecutable(go)) {
                return go.toAbsolutePath().toString();
            }
        }
        for (String dir : List.of("/usr/local/go/bin", "/usr/lib/go/bin")) {
            Path go = Path.of(dir, "go");
            if (Files.isExecutable(go)) {
                return go.toString();
            }
        }
        return null;
    }
}
