package io.modelfleet.catalog.entity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.common.persistence.JsonTextConverter;
import jakarta.persistence.Converter;
import java.util.List;

@Converter
public class PrecisionListConverter extends JsonTextConverter<List<Precision>> {

    public PrecisionListConverter() {
        super(new TypeReference<>() { });
    }
}
