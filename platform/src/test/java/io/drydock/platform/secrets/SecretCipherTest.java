package io.drydock.platform.secrets;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String CONTEXT = "registry_credential/team-a/registry.example.com";

    private final EncryptionKey oldKey = randomKey();
    private final EncryptionKey newKey = randomKey();

    @Test
    void decryptsWhatItEncryptedAndNeverStoresThePlainText() {
        SecretCipher cipher = SecretCipher.of(newKey, List.of());

        EncryptedValue sealed = cipher.encrypt("p@ss:wörd", CONTEXT);

        assertThat(sealed.keyId()).isEqualTo(newKey.id()).hasSize(16);
        assertThat(sealed.ciphertext()).doesNotContain("p@ss");
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()))).doesNotContain("p@ss");
        assertThat(cipher.decrypt(sealed, CONTEXT)).isEqualTo("p@ss:wörd");
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        SecretCipher cipher = SecretCipher.of(newKey, List.of());

        assertThat(cipher.encrypt("same", CONTEXT).ciphertext()).isNotEqualTo(cipher.encrypt("same", CONTEXT).ciphertext());
    }

    @Test
    void namesTheKeyIdWhenTheValuesKeyIsNotConfigured() {
        EncryptedValue sealed = SecretCipher.of(oldKey, List.of()).encrypt("secret", CONTEXT);

        assertThatThrownBy(() -> SecretCipher.of(newKey, List.of()).decrypt(sealed, CONTEXT))
                .isInstanceOfSatisfying(SecretUnavailableException.class, e -> assertThat(e.keyId()).isEqualTo(oldKey.id()))
                .hasMessageContaining("encrypted under key " + oldKey.id() + ", which is not configured")
                .hasMessageContaining(newKey.id() + " (current)")
                .hasMessageContaining("DRYDOCK_SECRET_KEY_PREVIOUS")
                .hasMessageNotContaining("secret,");
    }

    @Test
    void refusesATamperedValueOrOneMovedToAnotherRecord() {
        SecretCipher cipher = SecretCipher.of(newKey, List.of());
        EncryptedValue sealed = cipher.encrypt("secret", CONTEXT);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;
        EncryptedValue flipped = new EncryptedValue(sealed.keyId(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.decrypt(flipped, CONTEXT))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("fails authentication under key " + newKey.id());
        assertThatThrownBy(() -> cipher.decrypt(sealed, "registry_credential/team-b/registry.example.com"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("fails authentication");
        assertThatThrownBy(() -> cipher.decrypt(new EncryptedValue(newKey.id(), "not base64!"), CONTEXT))
                .isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> cipher.decrypt(new EncryptedValue(newKey.id(), "AAAA"), CONTEXT))
                .isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void readsValuesUnderAPreviousKeyAndReencryptsThemUnderTheCurrentOne() {
        EncryptedValue underOld = SecretCipher.of(oldKey, List.of()).encrypt("secret", CONTEXT);
        SecretCipher rotated = SecretCipher.of(newKey, List.of(oldKey));

        assertThat(rotated.decrypt(underOld, CONTEXT)).isEqualTo("secret");
        assertThat(rotated.isCurrent(underOld)).isFalse();

        EncryptedValue underNew = rotated.reencrypt(underOld, CONTEXT);

        assertThat(underNew.keyId()).isEqualTo(newKey.id());
        assertThat(rotated.isCurrent(underNew)).isTrue();
        assertThat(SecretCipher.of(newKey, List.of()).decrypt(underNew, CONTEXT)).isEqualTo("secret");
    }

    @Test
    void aCipherWithoutAKeySaysWhatToSet() {
        SecretCipher none = SecretCipher.withoutKey(List.of(), SecretKeys.HOW_TO_CONFIGURE);

        assertThat(none.hasKey()).isFalse();
        assertThatThrownBy(() -> none.requireKey("api-gateway"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("api-gateway needs a secret key")
                .hasMessageContaining("DRYDOCK_SECRET_KEY")
                .hasMessageContaining("drydock.secrets.key-file");
        assertThatThrownBy(() -> none.encrypt("secret", CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    static EncryptionKey randomKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return EncryptionKey.of(material);
    }
}
