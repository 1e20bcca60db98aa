package io.wabaflow.sandbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.wabaflow.sandbox.graph.GraphException;
import io.wabaflow.sandbox.runtime.Json;
import tools.jackson.databind.node.ObjectNode;

class MessageValidatorTest {

	private static final String PREFIX = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+16505551234\",";

	/** One valid body for every type Wabaflow sends [§4.1]. */
	@ParameterizedTest
	@ValueSource(strings = {
			"\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"hello\"}",
			"\"text\":{\"body\":\"type defaults to text\"}",
			"\"type\":\"image\",\"image\":{\"link\":\"https://example.com/a.jpg\",\"caption\":\"c\"}",
			"\"type\":\"image\",\"image\":{\"id\":\"1234\"}",
			"\"type\":\"video\",\"video\":{\"id\":\"1234\",\"caption\":\"c\"}",
			"\"type\":\"document\",\"document\":{\"link\":\"https://example.com/a.pdf\",\"filename\":\"a.pdf\",\"caption\":\"c\"}",
			"\"type\":\"audio\",\"audio\":{\"id\":\"1234\"}",
			"\"type\":\"sticker\",\"sticker\":{\"link\":\"https://example.com/s.webp\"}",
			"\"type\":\"location\",\"location\":{\"latitude\":-23.55,\"longitude\":\"-46.63\",\"name\":\"SP\",\"address\":\"Av\"}",
			"\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Ana\"},\"phones\":[{\"phone\":\"+551199\"}]}]",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"b\",\"title\":\"B\"}}]}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"header\":{\"type\":\"text\",\"text\":\"H\"},\"body\":{\"text\":\"Pick\"},\"footer\":{\"text\":\"F\"},\"action\":{\"button\":\"Menu\",\"sections\":[{\"title\":\"S\",\"rows\":[{\"id\":\"r1\",\"title\":\"R1\",\"description\":\"d\"}]}]}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\",\"header\":{\"type\":\"image\",\"image\":{\"link\":\"https://example.com/b.png\"}},\"body\":{\"text\":\"See\"},\"footer\":{\"text\":\"F\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"See dates\",\"url\":\"https://example.com\"}}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"header\":{\"type\":\"text\",\"text\":\"H\"},\"body\":{\"text\":\"Book\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_token\":\"t\",\"flow_id\":\"1\",\"flow_cta\":\"Book now\",\"flow_action\":\"navigate\",\"flow_action_payload\":{\"screen\":\"S\",\"data\":{\"a\":1}}}}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"Book\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_name\":\"booking\",\"flow_cta\":\"Book\",\"flow_action\":\"data_exchange\"}}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"product\",\"action\":{\"catalog_id\":\"1\",\"product_retailer_id\":\"sku\"}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"product_list\",\"header\":{\"type\":\"text\",\"text\":\"Teas\"},\"body\":{\"text\":\"Pick\"},\"action\":{\"catalog_id\":\"1\",\"sections\":[{\"title\":\"Green\",\"product_items\":[{\"product_retailer_id\":\"g1\"}]},{\"title\":\"Black\",\"product_items\":[{\"product_retailer_id\":\"b1\"}]}]}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"catalog_message\",\"body\":{\"text\":\"Browse\"},\"action\":{\"name\":\"catalog_message\",\"parameters\":{\"thumbnail_product_retailer_id\":\"sku\"}}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"location_request_message\",\"body\":{\"text\":\"Where?\"},\"action\":{\"name\":\"send_location\"}}",
			"\"type\":\"interactive\",\"interactive\":{\"type\":\"address_message\",\"body\":{\"text\":\"Address?\"},\"action\":{\"name\":\"address_message\",\"parameters\":{\"country\":\"SG\"}}}",
			"\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"\\ud83d\\ude00\"}",
			"\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"\"}",
			"\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"x\"}]},{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"p\"}]}]}",
			"\"type\":\"text\",\"context\":{\"message_id\":\"wamid.Y\"},\"text\":{\"body\":\"a reply\"}" })
	void acceptsEveryTypeWabaflowSends(String rest) {
		OutboundRequest request = MessageValidator.validate(body(rest));
		assertThat(request.to()).isEqualTo("+16505551234");
	}

	@Test
	void readsTemplateNameLanguageAndBodyParameterCount() {
		OutboundRequest request = MessageValidator.validate(body(
				"\"type\":\"template\",\"template\":{\"name\":\"order\",\"language\":{\"code\":\"pt_BR\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"1\"},{\"type\":\"text\",\"text\":\"2\"}]}]}"));
		assertThat(request.templateName()).isEqualTo("order");
		assertThat(request.templateLanguage()).isEqualTo("pt_BR");
		assertThat(request.templateBodyParameters()).isEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			// top-level parameters: 100
			"{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"not a number\",\"text\":{\"body\":\"x\"}}|100",
			"{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"broadcast\",\"to\":\"16505551234\",\"text\":{\"body\":\"x\"}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"carousel\",\"carousel\":{}}|100",
			// missing type object or field: 131008
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"image\"}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"text\",\"text\":{}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"image\",\"image\":{\"caption\":\"c\"}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"location\",\"location\":{\"latitude\":1}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"contacts\",\"contacts\":[{\"name\":{}}]}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"template\",\"template\":{\"name\":\"t\"}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"reaction\",\"reaction\":{\"message_id\":\"w\"}}|131008",
			// shapes and values out of bounds
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"image\",\"image\":{\"id\":\"1\",\"link\":\"https://a/b\"}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"image\",\"image\":{\"link\":\"ftp://a/b\"}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"audio\",\"audio\":{\"id\":\"1\",\"caption\":\"no\"}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"location\",\"location\":{\"latitude\":91,\"longitude\":0}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"b\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"1\",\"title\":\"a title that is too long\"}}]}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"b\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"1\",\"title\":\"1\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"2\",\"title\":\"2\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"3\",\"title\":\"3\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"4\",\"title\":\"4\"}}]}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"b\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"1\",\"title\":\"1\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"1\",\"title\":\"2\"}}]}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"b\"},\"action\":{\"button\":\"Menu\",\"sections\":[{\"title\":\"a\",\"rows\":[{\"id\":\"1\",\"title\":\"1\"}]},{\"rows\":[{\"id\":\"2\",\"title\":\"2\"}]}]}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"carousel\",\"body\":{\"text\":\"b\"},\"action\":{}}}|100",
			// the newer interactive kinds
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"A label of 21 chars!!\",\"url\":\"https://e.com\"}}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"Go\",\"url\":\"e.com\"}}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\",\"header\":{\"type\":\"video\",\"video\":{}},\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"Go\",\"url\":\"https://e.com\"}}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"b\"},\"action\":{}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"2\",\"flow_id\":\"1\",\"flow_cta\":\"Go\"}}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_cta\":\"Go\"}}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_id\":\"1\",\"flow_cta\":\"a call to action of 31 chars!!!\"}}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_id\":\"1\",\"flow_cta\":\"Go\",\"flow_action\":\"jump\"}}}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"product\",\"action\":{\"catalog_id\":\"1\"}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"product\",\"header\":{\"type\":\"text\",\"text\":\"h\"},\"action\":{\"catalog_id\":\"1\",\"product_retailer_id\":\"s\"}}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"product_list\",\"body\":{\"text\":\"b\"},\"action\":{\"catalog_id\":\"1\",\"sections\":[{\"title\":\"s\",\"product_items\":[{\"product_retailer_id\":\"p\"}]}]}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"product_list\",\"header\":{\"type\":\"text\",\"text\":\"h\"},\"body\":{\"text\":\"b\"},\"action\":{\"catalog_id\":\"1\",\"sections\":[{\"title\":\"a section title of 25 chr\",\"product_items\":[{\"product_retailer_id\":\"p\"}]}]}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"catalog_message\",\"action\":{\"name\":\"catalog_message\"}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"location_request_message\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"send_location_please\"}}}|100",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"address_message\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"address_message\",\"parameters\":{\"country\":\"BR\"}}}}|131009",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"address_message\",\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"address_message\",\"parameters\":{}}}}|131008",
			"{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"reaction\",\"context\":{\"message_id\":\"w\"},\"reaction\":{\"message_id\":\"w\",\"emoji\":\"x\"}}|100" })
	void rejectsWithMetasErrorCode(String json, int code) {
		assertThatThrownBy(() -> MessageValidator.validate((ObjectNode) Json.MAPPER.readTree(json)))
				.isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo(code));
	}

	@Test
	void textBodyIsLimitedTo4096Characters() {
		String ok = "x".repeat(4096);
		MessageValidator.validate(body("\"text\":{\"body\":\"" + ok + "\"}"));
		assertThatThrownBy(() -> MessageValidator.validate(body("\"text\":{\"body\":\"" + ok + "y\"}")))
				.isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo(131009));
	}

	@Test
	void aListHasAtMostTenRowsInTotal() {
		StringBuilder rows = new StringBuilder();
		for (int i = 0; i < 11; i++) {
			rows.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"title\":\"t\"}");
		}
		String list = "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"b\"},"
				+ "\"action\":{\"button\":\"Menu\",\"sections\":[{\"title\":\"s\",\"rows\":[" + rows + "]}]}}";
		assertThatThrownBy(() -> MessageValidator.validate(body(list)))
				.isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo(131009));
	}

	@Test
	void aProductListHasAtMostThirtyProductsInTotal() {
		StringBuilder sections = new StringBuilder();
		for (int s = 0; s < 2; s++) {
			sections.append(s == 0 ? "" : ",").append("{\"title\":\"s").append(s).append("\",\"product_items\":[");
			for (int p = 0; p < 16; p++) {
				sections.append(p == 0 ? "" : ",").append("{\"product_retailer_id\":\"p").append(s).append('-').append(p)
						.append("\"}");
			}
			sections.append("]}");
		}
		String list = "\"type\":\"interactive\",\"interactive\":{\"type\":\"product_list\",\"header\":{\"type\":\"text\","
				+ "\"text\":\"h\"},\"body\":{\"text\":\"b\"},\"action\":{\"catalog_id\":\"1\",\"sections\":[" + sections + "]}}";
		assertThatThrownBy(() -> MessageValidator.validate(body(list)))
				.isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo(131009));
		MessageValidator.validate(body(list.replace(",{\"product_retailer_id\":\"p1-15\"}", "")
				.replace(",{\"product_retailer_id\":\"p1-14\"}", "")));
	}

	private static ObjectNode body(String rest) {
		return (ObjectNode) Json.MAPPER.readTree(PREFIX + rest + "}");
	}
}
