package io.wabaflow.sandbox.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph's {@code fields=} selection over one node type. Without {@code fields} a node answers with its default
 * fields; with it, with {@code id} plus exactly the fields asked for, and an unknown field is error 100 ("Tried
 * accessing nonexisting field"). Sub-selections such as {@code throughput{level}} are accepted and ignored.
 */
public final class Fields {

	private final String nodeType;
	private final List<String> defaults;
	private final Map<String, Supplier<JsonNode>> available = new LinkedHashMap<>();

	public Fields(String nodeType, List<String> defaults) {
		this.nodeType = nodeType;
		this.defaults = defaults;
	}

	public Fields field(String name, Supplier<JsonNode> value) {
		available.put(name, value);
		return this;
	}

	public Fields field(String name, String value) {
		return field(name, () -> Json.MAPPER.getNodeFactory().stringNode(value));
	}

	public Fields field(String name, boolean value) {
		return field(name, () -> Json.MAPPER.getNodeFactory().booleanNode(value));
	}

	public ObjectNode render(GraphParams params) {
		List<String> wanted = params.string("fields").map(Fields::topLevelNames).orElse(defaults);
		ObjectNode out = Json.object();
		for (String name : wanted) {
			Supplier<JsonNode> value = available.get(name);
			if (value == null) {
				throw GraphErrors.nonexistingField(name, nodeType);
			}
			JsonNode rendered = value.get();
			if (rendered != null && !rendered.isNull()) {
				out.set(name, rendered);
			}
		}
		if (!out.has("id") && available.containsKey("id")) {
			out.set("id", available.get("id").get());
		}
		return out;
	}

	/** {@code "a,b{c,d},e"} → {@code [a, b, e]}. */
	static List<String> topLevelNames(String fields) {
		List<String> names = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int depth = 0;
		for (char c : fields.toCharArray()) {
			if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				add(names, current);
				current.setLength(0);
			}
			else if (depth == 0) {
				current.append(c);
			}
		}
		add(names, current);
		return names;
	}

	private static void add(List<String> names, StringBuilder name) {
		String trimmed = name.toString().trim();
		if (!trimmed.isEmpty() && !names.contains(trimmed)) {
			names.add(trimmed);
		}
	}
}
