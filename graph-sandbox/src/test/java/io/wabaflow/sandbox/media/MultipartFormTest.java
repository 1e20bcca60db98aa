package io.wabaflow.sandbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.graph.GraphException;

class MultipartFormTest {

	@Test
	void fieldsAndAFileWithCrlfsAndBoundaryLikeBytesInsideComeOutWhole() {
		byte[] file = "line\r\n--almost-the-boundary\r\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
				+ "whatsapp\r\n--XyZ\r\ncontent-disposition: form-data; name=type\r\n\r\nimage/png\r\n"
				+ "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pão.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8));

		MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=\"XyZ\"", body.toByteArray());

		assertThat(form.fields()).containsExactly(Map.entry("messaging_product", "whatsapp"),
				Map.entry("type", "image/png"));
		MultipartForm.Part part = form.part("file").orElseThrow();
		assertThat(part.filename()).isEqualTo("pão.png");
		assertThat(part.contentType()).isEqualTo("image/png");
		assertThat(part.content()).isEqualTo(file);
	}

	@Test
	void aBodyThatIsNotMultipartOrEndsEarlyIsGraphsInvalidParameter() {
		assertThatThrownBy(() -> MultipartForm.parse("application/json", new byte[0]))
				.isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo(100));
		assertThatThrownBy(() -> MultipartForm.parse("multipart/form-data; boundary=b",
				"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8)))
				.isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo(100));
	}
}
