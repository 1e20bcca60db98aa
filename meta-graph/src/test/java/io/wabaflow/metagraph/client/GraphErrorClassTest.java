package io.wabaflow.metagraph.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphErrorClassTest {

	@ParameterizedTest(name = "code {0} with HTTP {1} is {2}")
	@CsvSource(nullValues = "none", value = {
			// rate limits: back off harder (issue 5: 4, 80007; issue 6: 130429, 131056)
			"4, 400, THROTTLED", "80007, 400, THROTTLED", "130429, 400, THROTTLED", "131056, 400, THROTTLED",
			"613, 400, THROTTLED",
			// transient (issues 5 and 6)
			"1, 400, RETRYABLE", "2, 503, RETRYABLE", "131000, 500, RETRYABLE", "131016, 503, RETRYABLE",
			"133004, 503, RETRYABLE", "2494100, 400, RETRYABLE", "131057, 400, RETRYABLE",
			// credentials
			"0, 401, AUTH", "190, 401, AUTH",
			// permanent: permission, policy, parameters, window, undeliverable, one-shot sync rules
			"3, 500, PERMANENT", "200, 500, PERMANENT", "10, 403, PERMANENT", "200, 403, PERMANENT",
			"368, 403, PERMANENT", "100, 400, PERMANENT",
			"131047, 400, PERMANENT", "131026, 400, PERMANENT", "2593107, 400, PERMANENT", "2593108, 400, PERMANENT",
			// no Graph error body: judged by HTTP status; no answer at all is transient
			"none, 502, RETRYABLE", "none, 0, RETRYABLE", "none, 429, RETRYABLE", "none, 404, PERMANENT",
			"none, 401, AUTH",
			"999999, 500, RETRYABLE" })
	void classifiesByMetasErrorCode(String code, int httpStatus, GraphErrorClass expected) {
		assertThat(GraphErrorClass.of(code == null ? null : Integer.valueOf(code), httpStatus)).isEqualTo(expected);
	}
}
