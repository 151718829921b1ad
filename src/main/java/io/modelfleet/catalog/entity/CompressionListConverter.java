package io.modelfleet.catalog.entity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.common.persistence.JsonTextConverter;
import jakarta.persistence.Converter;
import java.util.List;

@Converter
public class CompressionListConverter extends JsonTextConverter<List<Compression>> {

    public CompressionListConverter() {
        super(new TypeReference<>() { });
    }
}
