package io.wabaflow.sender.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

	@Test
	void countsDistinctPlaceholdersPerComponentAndUrlButtonsThatTakeAParameter() {
		Placeholders.Expected expected = Placeholders.expected("""
				[{"type":"HEADER","format":"TEXT","text":"Hi {{1}}"},
				 {"type":"BODY","text":"Order {{1}} ships on {{2}}; order {{1}} again, to {{ 3 }}"},
				 {"type":"FOOTER","text":"no {{params}} counted here"},
				 {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop"},
				     {"type":"URL","text":"Track","url":"https://shop.example/track/{{1}}"},
				     {"type":"URL","text":"Home","url":"https://shop.example"}]}]""");
		assertThat(expected.body()).isEqualTo(3);
		assertThat(expected.header()).isEqualTo(1);
		assertThat(expected.urlButtons()).containsExactly(1);
	}

	@Test
	void namedParametersAndMediaHeadersCountToo() {
		Placeholders.Expected expected = Placeholders.expected("""
				[{"type":"header","format":"IMAGE"},{"type":"body","text":"Hello {{first_name}}, {{first_name}}!"}]""");
		assertThat(expected.body()).isEqualTo(1);
		assertThat(expected.header()).isEqualTo(1);
		assertThat(expected.urlButtons()).isEmpty();
	}

	@Test
	void unknownComponentsExpectNothingKnown() {
		assertThat(Placeholders.expected(null)).isNull();
		assertThat(Placeholders.expected("not json")).isNull();
		assertThat(Placeholders.expected("[]").body()).isZero();
	}
}
