package io.wabaflow.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.TopicSpec;

/**
 * Every Avro type of the project with every released version of its schema.
 *
 * <p>Released versions ship in {@code avro-history/}: {@code RELEASES} lists each one as
 * {@code <full type name> <version> <fingerprint>} and {@code <full type name>/v<version>.avsc} holds it.
 * A record written with any released or current version is decoded into the current generated class, so
 * consumers keep reading what older producers wrote. Thread-safe and immutable once loaded.
 */
public final class SchemaCatalog {

	static final String HISTORY_DIR = "avro-history/";

	private static final SchemaCatalog INSTANCE = load();

	private final Map<Class<? extends SpecificRecord>, List<ReleasedSchema>> releases;

	private final Map<Long, Class<? extends SpecificRecord>> typeByFingerprint;

	private final Map<Class<? extends SpecificRecord>, BinaryMessageDecoder<? extends SpecificRecord>> decoders;

	private SchemaCatalog(Map<Class<? extends SpecificRecord>, List<ReleasedSchema>> releases) {
		this.releases = releases;
		this.typeByFingerprint = new HashMap<>();
		this.decoders = new HashMap<>();
		releases.forEach((type, released) -> {
			Schema current = currentSchema(type);
			SchemaStore.Cache store = new SchemaStore.Cache();
			typeByFingerprint.put(fingerprint(current), type);
			for (ReleasedSchema release : released) {
				store.addSchema(release.schema());
				typeByFingerprint.put(fingerprint(release.schema()), type);
			}
			decoders.put(type, new BinaryMessageDecoder<>(SpecificData.getForClass(type), current, store));
		});
	}

	/** A catalogue of the given types and releases (tests of schema evolution). */
	static SchemaCatalog of(Map<Class<? extends SpecificRecord>, List<ReleasedSchema>> releases) {
		AvroTrust.install();
		return new SchemaCatalog(new LinkedHashMap<>(releases));
	}

	/** The catalogue of the types of {@link Topics#ALL}, loaded from this jar's {@code avro-history/}. */
	public static SchemaCatalog get() {
		return INSTANCE;
	}

	private static SchemaCatalog load() {
		AvroTrust.install();
		Map<String, Class<? extends SpecificRecord>> typesByName = new LinkedHashMap<>();
		for (TopicSpec topic : Topics.ALL) {
			typesByName.put(topic.valueType().getName(), topic.valueType());
		}
		Map<Class<? extends SpecificRecord>, List<ReleasedSchema>> releases = new LinkedHashMap<>();
		typesByName.values().forEach(type -> releases.put(type, new ArrayList<>()));
		for (ReleaseLine line : readReleaseLines()) {
			Class<? extends SpecificRecord> type = typesByName.get(line.typeName());
			if (type == null) {
				throw new IllegalStateException(HISTORY_DIR + "RELEASES names " + line.typeName()
						+ ", which is not the value type of any catalogue topic");
			}
			Schema schema = parse(HISTORY_DIR + line.typeName() + "/v" + line.version() + ".avsc");
			releases.get(type).add(new ReleasedSchema(line.typeName(), line.version(), line.fingerprint(), schema));
		}
		releases.values().forEach(list -> list.sort(Comparator.comparingInt(ReleasedSchema::version)));
		return new SchemaCatalog(releases);
	}

	public List<Class<? extends SpecificRecord>> types() {
		return List.copyOf(releases.keySet());
	}

	/** The released versions of a type, oldest first. */
	public List<ReleasedSchema> releases(Class<? extends SpecificRecord> type) {
		return List.copyOf(releases.getOrDefault(type, List.of()));
	}

	/** The type whose current or released schema has this fingerprint. */
	public Optional<Class<? extends SpecificRecord>> typeOf(long fingerprint) {
		return Optional.ofNullable(typeByFingerprint.get(fingerprint));
	}

	@SuppressWarnings("unchecked")
	<T extends SpecificRecord> BinaryMessageDecoder<T> decoder(Class<T> type) {
		BinaryMessageDecoder<T> decoder = (BinaryMessageDecoder<T>) decoders.get(type);
		if (decoder == null) {
			throw new IllegalArgumentException(type.getName() + " is not a catalogue type");
		}
		return decoder;
	}

	public static Schema currentSchema(Class<? extends SpecificRecord> type) {
		return SpecificData.get().getSchema(type);
	}

	/** CRC-64-AVRO of the schema's Parsing Canonical Form: what single-object encoding writes in its header. */
	public static long fingerprint(Schema schema) {
		return SchemaNormalization.parsingFingerprint64(schema);
	}

	public static String hex(long fingerprint) {
		return String.format("%016x", fingerprint);
	}

	static Schema parse(String resource) {
		try (InputStream in = resource(resource)) {
			return new Schema.Parser().parse(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + resource, e);
		}
	}

	private static List<ReleaseLine> readReleaseLines() {
		List<ReleaseLine> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource(HISTORY_DIR + "RELEASES"), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\\s+");
				if (parts.length != 3) {
					throw new IllegalStateException("RELEASES line must be '<type> <version> <fingerprint>': " + line);
				}
				lines.add(new ReleaseLine(parts[0], Integer.parseInt(parts[1]), parts[2]));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return lines;
	}

	private static InputStream resource(String name) {
		InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("Missing classpath resource " + name);
		}
		return in;
	}

	private record ReleaseLine(String typeName, int version, String fingerprint) {
	}

	/**
	 * A released version of a type's schema.
	 *
	 * @param frozenFingerprint the fingerprint recorded at release; the file must keep producing it
	 */
	public record ReleasedSchema(String typeName, int version, String frozenFingerprint, Schema schema) {
	}
}
