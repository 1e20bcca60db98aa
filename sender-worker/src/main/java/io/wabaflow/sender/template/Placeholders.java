package io.wabaflow.sender.template;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many parameters a template's components expect, read from the components Meta lists: the distinct
 * {@code {{1}}}/{@code {{name}}} placeholders of the BODY and of a TEXT HEADER, one media parameter for an IMAGE,
 * VIDEO or DOCUMENT header, and one for each URL button whose URL has a placeholder (by button index). A send must
 * give exactly these (Meta answers a mismatch with 132000).
 */
final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @param urlButtons the indexes of URL buttons that take a parameter
	 */
	record Expected(int body, int header, Set<Integer> urlButtons) {
	}

	private Placeholders() {
	}

	/** What the components expect; null when they are unknown (only a webhook named the template so far). */
	static Expected expected(String componentsJson) {
		if (componentsJson == null) {
			return null;
		}
		JsonNode components;
		try {
			components = JSON.readTree(componentsJson);
		}
		catch (JacksonException e) {
			return null;
		}
		int body = 0;
		int header = 0;
		Set<Integer> urlButtons = new LinkedHashSet<>();
		for (JsonNode component : components) {
			String type = component.path("type").asString("").toUpperCase(Locale.ROOT);
			switch (type) {
				case "BODY" -> body = count(component.path("text").asString(""));
				case "HEADER" -> {
					String format = component.path("format").asString("TEXT").toUpperCase(Locale.ROOT);
					header = switch (format) {
						case "TEXT" -> count(component.path("text").asString(""));
						case "IMAGE", "VIDEO", "DOCUMENT" -> 1;
						default -> 0;
					};
				}
				case "BUTTONS" -> {
					JsonNode buttons = component.path("buttons");
					for (int i = 0; i < buttons.size(); i++) {
						JsonNode button = buttons.get(i);
						if ("URL".equalsIgnoreCase(button.path("type").asString(""))
								&& count(button.path("url").asString("")) > 0) {
							urlButtons.add(i);
						}
					}
				}
				default -> {
				}
			}
		}
		return new Expected(body, header, Set.copyOf(urlButtons));
	}

	/** Distinct placeholders: {@code {{1}}} used twice is one parameter. */
	static int count(String text) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names.size();
	}
}
