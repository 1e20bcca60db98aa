package io.wabaflow.ingress.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The secrets the ingress cannot run without: app secrets (webhook signatures) and the verify token
 * (webhook handshake). The command API's keys are platform's, from the key topic. Never logged: {@link #toString()} says how many
 * there are, nothing more.
 */
public final class IngressSecrets {

	/** Published development values, used only in the {@code dev} profile (see README). */
	static final String DEV_APP_SECRET = "sandbox-app-secret";

	static final String DEV_VERIFY_TOKEN = "dev-verify-token";

	private final List<String> appSecrets;

	private final String verifyToken;

	private final boolean developmentValues;

	private IngressSecrets(List<String> appSecrets, String verifyToken, boolean developmentValues) {
		this.appSecrets = List.copyOf(appSecrets);
		this.verifyToken = verifyToken;
		this.developmentValues = developmentValues;
	}

	/**
	 * The configured secrets; in the dev profile, the published development value for each one not
	 * configured.
	 *
	 * @throws MissingIngressSecretsException outside the dev profile when any of them is missing
	 */
	public static IngressSecrets resolve(List<String> appSecrets, String verifyToken, boolean devProfile) {
		List<String> secrets = clean(appSecrets);
		String token = verifyToken == null ? "" : verifyToken.strip();
		List<String> missing = new ArrayList<>();
		if (secrets.isEmpty()) {
			missing.add("META_APP_SECRETS (wabaflow.ingress.app-secrets): the Meta app secret(s) that sign webhooks, "
					+ "comma-separated");
		}
		if (token.isEmpty()) {
			missing.add("META_VERIFY_TOKEN (wabaflow.ingress.verify-token): the verify token set in Meta's App "
					+ "Dashboard for the webhook handshake");
		}
		if (missing.isEmpty()) {
			return new IngressSecrets(secrets, token, false);
		}
		if (!devProfile) {
			throw new MissingIngressSecretsException(missing);
		}
		return new IngressSecrets(secrets.isEmpty() ? List.of(DEV_APP_SECRET) : secrets,
				token.isEmpty() ? DEV_VERIFY_TOKEN : token, true);
	}

	private static List<String> clean(List<String> values) {
		return values == null ? List.of()
				: values.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	public List<String> appSecrets() {
		return appSecrets;
	}

	public String verifyToken() {
		return verifyToken;
	}

	/** Whether any published development value is in use. */
	public boolean developmentValues() {
		return developmentValues;
	}

	@Override
	public String toString() {
		return "IngressSecrets[" + appSecrets.size() + " app secret(s), a verify token"
				+ (developmentValues ? ", with development values" : "") + "]";
	}

	/** Start-up failure that names every missing setting and how to provide it. */
	public static final class MissingIngressSecretsException extends IllegalStateException {

		MissingIngressSecretsException(List<String> missing) {
			super("The ingress refuses to start without its secrets. Missing:\n  - " + String.join("\n  - ", missing)
					+ "\n(Only the dev profile runs without them, with published development values.)");
		}
	}
}
