package io.wabaflow.metagraph.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaLimitsTest {

	@ParameterizedTest(name = "{0} of {1} bytes fits")
	@CsvSource({ "image/jpeg, 5242880", "image/png, 1", "image/webp, 512000", "audio/ogg; codecs=opus, 16777216",
			"audio/aac, 100", "video/3gpp, 16777216", "application/pdf, 104857600", "text/plain, 10",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, 2048", "IMAGE/JPEG, 10" })
	void aFileOfASupportedTypeWithinItsKindsLimitFits(String mimeType, long size) {
		assertThat(MediaLimits.violationOf(mimeType, size)).isEmpty();
		assertThat(MediaLimits.ofMimeType(mimeType).orElseThrow().violation(mimeType, size)).isEmpty();
	}

	@Test
	void eachKindTakesMetasTypesUpToMetasSize() {
		assertThat(MediaLimits.ofMimeType("image/webp")).contains(MediaLimits.STICKER);
		assertThat(MediaLimits.ofMimeType("audio/ogg; codecs=opus")).contains(MediaLimits.AUDIO);
		assertThat(MediaLimits.ofMimeType("application/msword")).contains(MediaLimits.DOCUMENT);
		assertThat(MediaLimits.ofMimeType("image/gif")).isEmpty();
		assertThat(MediaLimits.IMAGE.maxBytes()).isEqualTo(5L * 1024 * 1024);
		assertThat(MediaLimits.STICKER.maxBytes()).isEqualTo(500L * 1024);
		assertThat(MediaLimits.AUDIO.maxBytes()).isEqualTo(MediaLimits.VIDEO.maxBytes()).isEqualTo(16L * 1024 * 1024);
		assertThat(MediaLimits.DOCUMENT.maxBytes()).isEqualTo(100L * 1024 * 1024);
		assertThat(MediaLimits.DOCUMENT.mimeTypes()).hasSize(8);
		assertThat(MediaLimits.of("Sticker")).contains(MediaLimits.STICKER);
		assertThat(MediaLimits.maxBytes("sticker", "image/png")).isEqualTo(500L * 1024);
		assertThat(MediaLimits.maxBytes(null, "image/png")).isEqualTo(5L * 1024 * 1024);
		assertThat(MediaLimits.maxBytes("hologram", "x/y")).isEqualTo(100L * 1024 * 1024);
	}

	@Test
	void aTypeTheKindDoesNotTakeIsNamedWithTheTypesItDoes() {
		assertThat(MediaLimits.IMAGE.violation("image/gif", 10))
				.contains("image/gif is not a supported image type: use image/jpeg or image/png");
		assertThat(MediaLimits.IMAGE.violation("image/webp", 10))
				.contains("image/webp is not a supported image type: use image/jpeg or image/png");
		assertThat(MediaLimits.VIDEO.violation("video/quicktime", 10))
				.contains("video/quicktime is not a supported video type: use video/mp4 or video/3gpp");
		assertThat(MediaLimits.STICKER.violation("image/png", 10))
				.contains("image/png is not a supported sticker type: use image/webp");
		assertThat(MediaLimits.violationOf("image/gif", 10)).hasValueSatisfying(message -> assertThat(message)
				.startsWith("image/gif is not a type WhatsApp takes"));
	}

	@Test
	void aFileOverItsKindsLimitIsNamedWithTheLimit() {
		assertThat(MediaLimits.IMAGE.violation("image/jpeg", 6_501_171))
				.contains("image of 6.2 MB exceeds WhatsApp's 5 MB limit for images");
		assertThat(MediaLimits.violationOf("image/jpeg", (5L << 20) + 1))
				.contains("image of 5 MB exceeds WhatsApp's 5 MB limit for images");
		assertThat(MediaLimits.violationOf("image/webp", 627_200))
				.contains("sticker of 612.5 KB exceeds WhatsApp's 500 KB limit for stickers");
		assertThat(MediaLimits.violationOf("application/pdf", 101L << 20))
				.contains("document of 101 MB exceeds WhatsApp's 100 MB limit for documents");
		assertThat(MediaLimits.violationOf("audio/mpeg", 0)).contains("the audio file is empty");
	}
}
