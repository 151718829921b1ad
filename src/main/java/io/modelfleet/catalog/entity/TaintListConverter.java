package io.modelfleet.catalog.entity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.common.persistence.JsonTextConverter;
import jakarta.persistence.Converter;
import java.util.List;

@Converter
public class TaintListConverter extends JsonTextConverter<List<Taint>> {

    public TaintListConverter() {
        super(new TypeReference<>() { });
    }
}
