package io.drydock.analyzer.catalogers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageCpesTest {

    @Test
    void pairsEveryVendorWithEveryProductWithoutDuplicates() {
        assertThat(LanguageCpes.of(List.of("Foo", "foo", "python-foo"), List.of("foo"), "1.0", "python"))
                .containsExactly("cpe:2.3:a:foo:foo:1.0:*:*:*:*:python:*:*",
                        "cpe:2.3:a:python-foo:foo:1.0:*:*:*:*:python:*:*");
    }

    /** NISTIR 7695 §6.2: the formatted-string binding quotes every character but letters, digits, _ - and . */
    @Test
    void quotesSpecialCharactersAsTheFormattedStringBindingRequires() {
        assertThat(LanguageCpes.of(List.of("a b"), List.of("c:d*"), "1.0+local!", null))
                .containsExactly("cpe:2.3:a:a_b:c\\:d\\*:1.0\\+local\\!:*:*:*:*:*:*:*");
    }

    @Test
    void isBoundedAndNeedsAVersion() {
        List<String> many = List.of("a", "b", "c", "d", "e");
        assertThat(LanguageCpes.of(many, many, "1", null)).hasSize(LanguageCpes.MAX_CPES);
        assertThat(LanguageCpes.of(many, many, " ", null)).isEmpty();
        assertThat(LanguageCpes.of(List.of("\u0000\u00e9"), List.of("x"), "1", null)).isEmpty();
    }
}
