package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.stream.Collectors;

/** YAML for rendered objects: one document per object, fields in the model's declared order, so output is stable. */
public final class ManifestYaml {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestYaml() {
    }

    public static String of(HasMetadata object) {
        return SERIALIZATION.asYaml(object);
    }

    public static String of(List<? extends HasMetadata> objects) {
        return objects.stream().map(ManifestYaml::of).collect(Collectors.joining());
    }

    public static <T extends HasMetadata> T parse(String yaml, Class<T> type) {
        return SERIALIZATION.unmarshal(yaml, type);
    }
}
