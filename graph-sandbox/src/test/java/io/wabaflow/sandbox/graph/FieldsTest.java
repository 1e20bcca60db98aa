package io.wabaflow.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.node.ObjectNode;

class FieldsTest {

	private final Fields phone = new Fields("WhatsAppBusinessPhoneNumber", List.of("display_phone_number", "id"))
			.field("id", "123")
			.field("display_phone_number", "+1 555-010-1234")
			.field("is_on_biz_app", true)
			.field("platform_type", "CLOUD_API");

	@Test
	void topLevelNamesIgnoreSubSelections() {
		assertThat(Fields.topLevelNames("id, throughput{level},is_on_biz_app,a{b{c},d}"))
				.containsExactly("id", "throughput", "is_on_biz_app", "a");
	}

	@Test
	void withoutFieldsAnswersTheDefaults() {
		ObjectNode node = phone.render(params(null));
		assertThat(node.propertyNames()).containsExactly("display_phone_number", "id");
	}

	@Test
	void withFieldsAnswersExactlyThoseAndTheId() {
		ObjectNode node = phone.render(params("is_on_biz_app,platform_type"));
		assertThat(node.propertyNames()).containsExactly("is_on_biz_app", "platform_type", "id");
		assertThat(node.path("is_on_biz_app").asBoolean()).isTrue();
	}

	@Test
	void anUnknownFieldIsError100() {
		assertThatThrownBy(() -> phone.render(params("is_coexistence"))).isInstanceOfSatisfying(GraphException.class,
				e -> {
					assertThat(e.code()).isEqualTo(100);
					assertThat(e.getMessage()).isEqualTo(
							"(#100) Tried accessing nonexisting field (is_coexistence) on node type (WhatsAppBusinessPhoneNumber)");
				});
	}

	private static GraphParams params(String fields) {
		ObjectNode values = Json.object();
		if (fields != null) {
			values.put("fields", fields);
		}
		return new GraphParams(values);
	}
}
