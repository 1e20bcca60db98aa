package io.wabaflow.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' output: a figure is always printed next to the anchor it is judged against. Everything is
 * printed as it happens and again, figures and anchors only, in a summary at the end (the services' logs come
 * in between).
 */
final class Report {

	private static final List<String> SUMMARY = new ArrayList<>();

	private Report() {
	}

	static void title(String benchmark, String what) {
		print("");
		print("=== " + benchmark + ": " + what);
		print("machine: " + Machine.describe());
	}

	static void line(String format, Object... arguments) {
		System.out.println(arguments.length == 0 ? format : format.formatted(arguments));
	}

	static void figure(String benchmark, String text) {
		print("FIGURE [" + benchmark + "] " + text);
	}

	static void anchor(String text) {
		print("  ANCHOR " + text);
	}

	private static synchronized void print(String text) {
		System.out.println(text);
		SUMMARY.add(text);
	}

	static synchronized void summary() {
		System.out.println();
		System.out.println("===== summary (load average now " + "%.2f".formatted(Machine.loadAverage()) + ")");
		SUMMARY.forEach(System.out::println);
	}
}
