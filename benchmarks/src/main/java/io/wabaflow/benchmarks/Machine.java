package io.wabaflow.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the figures were measured on: printed with every benchmark, since a figure without it means nothing. */
final class Machine {

	private Machine() {
	}

	static String describe() {
		return "%d cores (%s), %s RAM, JDK %s (%s), load average %.2f".formatted(
				Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), System.getProperty("java.version"),
				System.getProperty("java.vm.name"), loadAverage());
	}

	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static String cpuModel() {
		return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
	}

	private static String memory() {
		return firstValue(Path.of("/proc/meminfo"), "MemTotal")
				.map(kb -> "%.1f GiB".formatted(Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
				.orElse("?");
	}

	private static java.util.Optional<String> firstValue(Path file, String key) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.filter(line -> line.startsWith(key)).findFirst()
					.map(line -> line.substring(line.indexOf(':') + 1).strip());
		}
		catch (IOException | RuntimeException notLinux) {
			return java.util.Optional.empty();
		}
	}
}
