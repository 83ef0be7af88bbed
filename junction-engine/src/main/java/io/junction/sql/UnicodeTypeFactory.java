package io.junction.sql;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Calcite's type factory with Junction's type system and UTF-8 text, whatever the JVM-wide default. */
final class UnicodeTypeFactory extends JavaTypeFactoryImpl {
    UnicodeTypeFactory() {
        super(JunctionTypeSystem.INSTANCE);
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }
}
