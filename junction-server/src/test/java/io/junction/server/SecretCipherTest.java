package io.junction.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {
    @Test
    void keyFileIsCreatedOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        SecretCipher first = SecretCipher.open(null, dir);
        Path keyFile = dir.resolve(SecretCipher.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String sealed = first.encrypt("pässwörd", "id-1");

        assertThat(sealed).startsWith("v1:").doesNotContain("pässwörd");
        assertThat(SecretCipher.open(null, dir).decrypt(sealed, "id-1")).isEqualTo("pässwörd");
    }

    @Test
    void eachEncryptionUsesAFreshNonce(@TempDir Path dir) {
        SecretCipher cipher = SecretCipher.open(null, dir);
        assertThat(cipher.encrypt("same", "id")).isNotEqualTo(cipher.encrypt("same", "id"));
    }

    @Test
    void wrongContextOrKeyDoesNotDecrypt(@TempDir Path dir) {
        SecretCipher cipher = SecretCipher.open(null, dir);
        String sealed = cipher.encrypt("secret", "id-1");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "id-2")).isInstanceOf(IllegalArgumentException.class);
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> SecretCipher.open(otherKey, dir).decrypt(sealed, "id-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another");
    }

    @Test
    void keyFromTheEnvironmentMustBeAnAesKey(@TempDir Path dir) {
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        SecretCipher cipher = SecretCipher.open(key, dir);
        assertThat(cipher.decrypt(cipher.encrypt("x", "c"), "c")).isEqualTo("x");
        assertThat(dir.resolve(SecretCipher.KEY_FILE)).doesNotExist();

        assertThatThrownBy(() -> SecretCipher.open(Base64.getEncoder().encodeToString(new byte[7]), dir))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.open("not base64!", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ServerSettings.SECRET_KEY_ENV);
    }
}
