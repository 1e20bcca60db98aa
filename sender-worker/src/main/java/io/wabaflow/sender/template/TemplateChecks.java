package io.wabaflow.sender.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.webhook.TemplateUpdate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A poll's template sends against the catalogue, in two queries (the templates, then the marketing preferences of
 * the marketing ones), so that what Meta would refuse is refused here, without a Graph call and with a reason that
 * says what to change:
 * <ol>
 * <li>a WABA whose catalogue was never read passes (nothing is known yet; Meta decides);</li>
 * <li>an unknown name or language → {@code TEMPLATE_UNKNOWN}, naming the languages that do exist;</li>
 * <li>not {@code APPROVED} → {@code TEMPLATE_NOT_APPROVED}, or {@code TEMPLATE_PAUSED} (unless {@code when-paused}
 * is {@code send});</li>
 * <li>a component given more or fewer parameters than its placeholders → {@code TEMPLATE_PARAMETERS};</li>
 * <li>an authentication template to a business-scoped user id → {@code TEMPLATE_NEEDS_PHONE} (Meta delivers those
 * only to a phone, facts §2.0);</li>
 * <li>a marketing template to a user who stopped marketing messages from the number → {@code MARKETING_OPTED_OUT}.</li>
 * </ol>
 */
@Component
public class TemplateChecks {

	/**
	 * One template send: the number, its WABA, the recipient (its key: a phone's digits or a BSUID) and the command's
	 * {@code template} content.
	 */
	public record TemplateSend(String phoneNumberId, String wabaId, String recipientKey, boolean recipientIsBsuid,
			String contentJson) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TemplateStore templates;

	private final PreferenceStore preferences;

	private final TemplateProperties properties;

	TemplateChecks(TemplateStore templates, PreferenceStore preferences, TemplateProperties properties) {
		this.templates = templates;
		this.preferences = preferences;
		this.properties = properties;
	}

	/** A verdict per send, in order: empty when the catalogue has nothing against it. */
	public List<Optional<TemplateRefusal>> check(List<TemplateSend> sends, Instant now) {
		List<Optional<TemplateRefusal>> verdicts = new ArrayList<>(sends.size());
		if (sends.isEmpty()) {
			return verdicts;
		}
		List<Requested> requested = sends.stream().map(TemplateChecks::requested).toList();
		Set<String> catalogued = templates.catalogued(
				new HashSet<>(sends.stream().map(TemplateSend::wabaId).filter(w -> w != null).toList()));
		Set<TemplateStore.Key> keys = new LinkedHashSet<>();
		for (int i = 0; i < sends.size(); i++) {
			keys.add(new TemplateStore.Key(sends.get(i).wabaId(), requested.get(i).name(), requested.get(i).language()));
		}
		Map<TemplateStore.Key, TemplateRow> rows = templates.find(keys);

		List<Integer> marketing = new ArrayList<>();
		for (int i = 0; i < sends.size(); i++) {
			TemplateSend send = sends.get(i);
			Requested asked = requested.get(i);
			TemplateRow row = rows.get(new TemplateStore.Key(send.wabaId(), asked.name(), asked.language()));
			Optional<TemplateRefusal> verdict = row == null && !catalogued.contains(send.wabaId()) ? Optional.empty()
					: check(send, asked, row, now);
			verdicts.add(verdict);
			if (verdict.isEmpty() && row != null && "MARKETING".equals(row.categoryAt(now))) {
				marketing.add(i);
			}
		}
		List<Boolean> optedOut = preferences.optedOut(marketing.stream().map(i -> sends.get(i).phoneNumberId()).toList(),
				marketing.stream().map(i -> sends.get(i).recipientKey()).toList());
		for (int k = 0; k < marketing.size(); k++) {
			if (optedOut.get(k)) {
				int i = marketing.get(k);
				verdicts.set(i, Optional.of(new TemplateRefusal(TemplateRefusal.MARKETING_OPTED_OUT, "The recipient "
						+ sends.get(i).recipientKey() + " stopped marketing messages from this number (a user_preferences "
						+ "webhook said so): '" + requested.get(i).name() + "' is a marketing template. Send a utility "
						+ "template, or wait for the user to resume marketing messages.")));
			}
		}
		return verdicts;
	}

	private Optional<TemplateRefusal> check(TemplateSend send, Requested asked, TemplateRow row, Instant now) {
		if (row == null) {
			List<String> languages = templates.languages(send.wabaId(), asked.name());
			return refuse(TemplateRefusal.TEMPLATE_UNKNOWN, "Template '" + asked.name() + "' in language '" + asked.language()
					+ "' is not in the catalogue of WABA " + send.wabaId() + (languages.isEmpty()
							? ": no template of that name. Create it, or correct the name."
							: "; it exists in " + String.join(", ", languages) + ". Correct the language code."));
		}
		if (!TemplateRow.APPROVED.equals(row.status())) {
			if (TemplateRow.PAUSED.equals(row.status())) {
				return properties.whenPaused() == TemplateProperties.WhenPaused.SEND ? Optional.empty()
						: refuse(TemplateRefusal.TEMPLATE_PAUSED, "Template '" + asked.name() + "' (" + asked.language()
								+ ") is paused by Meta for low quality; sends resume when Meta lifts the pause.");
			}
			return refuse(TemplateRefusal.TEMPLATE_NOT_APPROVED, "Template '" + asked.name() + "' (" + asked.language()
					+ ") is " + row.status() + (row.reason() == null ? "" : " (" + row.reason() + ")")
					+ ": only APPROVED templates can be sent.");
		}
		Placeholders.Expected expected = Placeholders.expected(row.componentsJson());
		if (expected != null) {
			Optional<TemplateRefusal> parameters = parameters(asked, expected);
			if (parameters.isPresent()) {
				return parameters;
			}
		}
		if ("AUTHENTICATION".equals(row.categoryAt(now)) && send.recipientIsBsuid()) {
			return refuse(TemplateRefusal.TEMPLATE_NEEDS_PHONE, "Template '" + asked.name() + "' is an authentication "
					+ "template: Meta delivers those only to a phone number, and " + send.recipientKey() + " is a "
					+ "business-scoped user id. Ask the user for their phone (a request_contact_info message) first.");
		}
		return Optional.empty();
	}

	private static Optional<TemplateRefusal> parameters(Requested asked, Placeholders.Expected expected) {
		if (asked.body() != expected.body()) {
			return mismatch(asked, "body", expected.body(), asked.body());
		}
		if (asked.header() != expected.header()) {
			return mismatch(asked, "header", expected.header(), asked.header());
		}
		for (int index : expected.urlButtons()) {
			if (!asked.urlButtons().contains(index)) {
				return mismatch(asked, "URL button " + index, 1, 0);
			}
		}
		return Optional.empty();
	}

	private static Optional<TemplateRefusal> mismatch(Requested asked, String component, int expected, int given) {
		return refuse(TemplateRefusal.TEMPLATE_PARAMETERS, "Template '" + asked.name() + "' (" + asked.language() + "): the "
				+ component + " has " + expected + " parameter" + (expected == 1 ? "" : "s") + " but the command gives "
				+ given + ". Give one parameter per placeholder of the approved template.");
	}

	private static Optional<TemplateRefusal> refuse(String reason, String details) {
		return Optional.of(new TemplateRefusal(reason, details));
	}

	/** What a send asks for: the template, and how many parameters it gives to each component. */
	private record Requested(String name, String language, int body, int header, Set<Integer> urlButtons) {
	}

	private static Requested requested(TemplateSend send) {
		JsonNode content = JSON.readTree(send.contentJson());
		int body = 0;
		int header = 0;
		Set<Integer> buttons = new HashSet<>();
		for (JsonNode component : content.path("components")) {
			String type = component.path("type").asString("").toLowerCase(Locale.ROOT);
			int given = component.path("parameters").size();
			switch (type) {
				case "body" -> body = given;
				case "header" -> header = given;
				case "button" -> {
					if ("url".equalsIgnoreCase(component.path("sub_type").asString("")) && given > 0) {
						buttons.add(component.path("index").asInt(-1));
					}
				}
				default -> {
				}
			}
		}
		return new Requested(content.path("name").asString(null),
				TemplateUpdate.language(content.path("language").path("code").asString(null)), body, header, buttons);
	}
}
