package io.modelfleet.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The keys the compiled application declares, read from its class files so that a mapping added anywhere under
 * {@code io.modelfleet} is covered without touching this code:
 * <ul>
 * <li>every {@link ConfigMapping} interface: prefix + each method's name in the mapping's naming strategy
 * (or its {@link WithName}), nested groups (optionally {@link WithParentName} or {@code Optional}), maps as
 * {@code name.*}, and {@link WithDefault} as the default;
 * <li>every {@link ConfigSourceFactory}: its {@code static final String} constants naming {@code modelfleet.*}
 * keys. Such a factory runs while the configuration is being built, before any mapping can be read, so it reads
 * raw keys; its defaults are what application.properties sets without a profile.
 * </ul>
 */
final class MappedKeys {

    private MappedKeys() {
    }

    /** The mappings and factories among the classes compiled into {@code classesDirectory}. */
    static List<DeclaredKey> scan(Path classesDirectory, Map<String, String> unprofiledProperties) {
        List<DeclaredKey> keys = new ArrayList<>();
        for (Class<?> type : classesUnder(classesDirectory)) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (type.isInterface() && mapping != null) {
                keys.addAll(of(type));
            } else if (ConfigSourceFactory.class.isAssignableFrom(type) && !type.isInterface()) {
                keys.addAll(readByFactory(type, unprofiledProperties));
            }
        }
        keys.sort(Comparator.comparing(DeclaredKey::name));
        return keys;
    }

    /** The {@link ConfigMapping} interfaces among the classes compiled into {@code classesDirectory}. */
    static List<Class<?>> mappingInterfaces(Path classesDirectory) {
        return classesUnder(classesDirectory).stream()
                .filter(type -> type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)).toList();
    }

    /** The keys one {@link ConfigMapping} interface declares. */
    static List<DeclaredKey> of(Class<?> mappingInterface) {
        ConfigMapping mapping = mappingInterface.getAnnotation(ConfigMapping.class);
        List<DeclaredKey> keys = new ArrayList<>();
        group(mappingInterface, mapping.prefix(), mapping.namingStrategy(), mappingInterface.getSimpleName(), keys);
        return keys;
    }

    private static void group(Class<?> group, String prefix, ConfigMapping.NamingStrategy naming, String owner,
            List<DeclaredKey> keys) {
        Method[] methods = group.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getName().equals("toString") || method.getName().equals("hashCode")) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : join(prefix, method.isAnnotationPresent(WithName.class)
                            ? method.getAnnotation(WithName.class).value() : name(method.getName(), naming));
            member(method.getGenericReturnType(), method, name, naming, owner, keys);
        }
    }

    private static void member(Type type, Method method, String name, ConfigMapping.NamingStrategy naming,
            String owner, List<DeclaredKey> keys) {
        Class<?> raw = raw(type);
        if (raw == Optional.class || raw == Map.class) {
            Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
            Type element = arguments[arguments.length - 1];
            String at = raw == Map.class ? join(name, "*") : name;
            if (isGroup(raw(element))) {
                group(raw(element), at, naming, owner, keys);
            } else {
                keys.add(new DeclaredKey(at, defaultOf(method), owner));
            }
        } else if (isGroup(raw)) {
            group(raw, name, naming, owner, keys);
        } else {
            keys.add(new DeclaredKey(name, defaultOf(method), owner));
        }
    }

    /** A nested group: any interface that is not a value type (collections are values: {@code List<String>}). */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.") && !Collection.class.isAssignableFrom(type);
    }

    private static Optional<String> defaultOf(Method method) {
        return Optional.ofNullable(method.getAnnotation(WithDefault.class)).map(WithDefault::value);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** A method name as a key segment, the way SmallRye Config names it. */
    static String name(String method, ConfigMapping.NamingStrategy naming) {
        return switch (naming) {
            case VERBATIM -> method;
            case KEBAB_CASE -> words(method, '-');
            case SNAKE_CASE -> words(method, '_');
        };
    }

    /** {@code maxPageSize} → {@code max-page-size}; an acronym is one word (apiURLPath → api-url-path). */
    private static String words(String camel, char separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (!Character.isUpperCase(camel.charAt(i - 1))
                            || i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1)));
            if (boundary) {
                out.append(separator);
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static List<DeclaredKey> readByFactory(Class<?> factory, Map<String, String> unprofiledProperties) {
        List<DeclaredKey> keys = new ArrayList<>();
        for (Field field : factory.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                String value = constant(field);
                if (value.startsWith("modelfleet.")) {
                    keys.add(new DeclaredKey(value, Optional.ofNullable(unprofiledProperties.get(value)),
                            factory.getSimpleName()));
                }
            }
        }
        return keys;
    }

    private static String constant(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static List<Class<?>> classesUnder(Path classesDirectory) {
        Path root = classesDirectory.resolve("io/modelfleet");
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(classesDirectory::relativize).map(Path::toString)
                    .filter(f -> f.endsWith(".class") && !f.contains("$$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted().map(MappedKeys::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            // Not initialised: only annotations and signatures are read, no static initialiser runs.
            return Class.forName(name, false, MappedKeys.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class " + name + " cannot be loaded", e);
        }
    }
}
