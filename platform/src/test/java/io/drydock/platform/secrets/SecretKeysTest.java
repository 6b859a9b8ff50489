package io.drydock.platform.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretKeysTest {

    private static final String CONTEXT = "registry_credential/a/b";

    @TempDir
    Path dir;

    @Test
    void generatesAKeyFileReadableByItsOwnerAloneAndUsesItOnTheNextStart() throws IOException {
        Path keyFile = dir.resolve("data/secret.key");
        SecretsProperties properties = new SecretsProperties(keyFile, List.of(), true);

        SecretCipher first = SecretKeys.load(properties, "", "");
        EncryptedValue sealed = first.encrypt("secret", CONTEXT);
        SecretCipher second = SecretKeys.load(properties, "", "");

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(second.decrypt(sealed, CONTEXT)).isEqualTo("secret");
    }

    @Test
    void withoutAnyKeyTheCipherHasNoneAndNothingIsCreated() {
        SecretCipher cipher = SecretKeys.load(new SecretsProperties(null, List.of(), false), "", "");

        assertThat(cipher.hasKey()).isFalse();
    }

    @Test
    void aMissingKeyFileThatIsNotToBeCreatedIsAnErrorNamingIt() {
        Path keyFile = dir.resolve("absent.key");

        assertThatThrownBy(() -> SecretKeys.load(new SecretsProperties(keyFile, List.of(), false), "", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("drydock.secrets.key-file");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void refusesKeysOfTheWrongLengthOrNotBase64() throws IOException {
        Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> SecretKeys.load(new SecretsProperties(dir.resolve("short.key"), List.of(), false), "", ""))
                .hasMessageContaining("16 bytes").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretKeys.load(new SecretsProperties(null, List.of(), false), "not-base64!", ""))
                .hasMessageContaining("DRYDOCK_SECRET_KEY is not base64");
    }

    @Test
    void theVariableWinsOverTheKeyFileWhichStaysReadableAsAPreviousKey() throws IOException {
        Path keyFile = dir.resolve("secret.key");
        SecretsProperties properties = new SecretsProperties(keyFile, List.of(), true);
        EncryptedValue underFile = SecretKeys.load(properties, "", "").encrypt("secret", CONTEXT);
        String variable = Base64.getEncoder().encodeToString(SecretCipherTest.randomKey().material());

        SecretCipher cipher = SecretKeys.load(properties, variable, "");

        assertThat(cipher.currentKeyId()).isEqualTo(EncryptionKey.parse(variable, "test").id())
                .isNotEqualTo(underFile.keyId());
        assertThat(cipher.decrypt(underFile, CONTEXT)).isEqualTo("secret");
        assertThat(cipher.reencrypt(underFile, CONTEXT).keyId()).isEqualTo(cipher.currentKeyId());
    }

    @Test
    void readsPreviousKeysFromTheVariableAndFromFiles() throws IOException {
        EncryptionKey fromVariable = SecretCipherTest.randomKey();
        EncryptionKey fromFile = SecretCipherTest.randomKey();
        Path previousFile = dir.resolve("previous.key");
        Files.writeString(previousFile, fromFile.encoded() + "\n");
        String current = SecretCipherTest.randomKey().encoded();

        SecretCipher cipher = SecretKeys.load(new SecretsProperties(null, List.of(previousFile), false), current,
                " " + fromVariable.encoded() + " ,");

        assertThat(cipher.keyIds()).containsExactly(EncryptionKey.parse(current, "t").id(), fromVariable.id(), fromFile.id());
        assertThat(cipher.decrypt(SecretCipher.of(fromFile, List.of()).encrypt("s", CONTEXT), CONTEXT)).isEqualTo("s");
    }
}
