package io.procmesh.launcher.topology;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a service's classes where its child will find them: a class loader over the service's {@code classPath}
 * whose parent is the launcher's, so a class resolves as on the child's class path (the service's entries, then
 * the launcher's). Classes are looked up, never initialised, and the loader is closed once the service is checked.
 */
final class ServiceClasses implements AutoCloseable
{
    /**
     * The one parameter type an implementation's constructor may take besides none (core's, by name: the launcher
     * checks it without linking against it).
     */
    static final String SERVICE_CONTEXT = "io.procmesh.core.service.ServiceContext";

    private final String source;
    private final String service;
    private final ClassLoader loader;
    private final URLClassLoader own;

    ServiceClasses(final String source, final String service, final List<Path> classPath, final ClassLoader parent)
    {
        this.source = source;
        this.service = service;
        if (classPath.isEmpty())
        {
            this.own = null;
            this.loader = parent;
        }
        else
        {
            final URL[] urls = new URL[classPath.size()];
            for (int i = 0; i < urls.length; i++)
            {
                try
                {
                    urls[i] = classPath.get(i).toUri().toURL();
                }
                catch (final MalformedURLException ex)
                {
                    throw new IllegalStateException("cannot make a URL of " + classPath.get(i), ex);
                }
            }
            this.own = new URLClassLoader("topology-" + service, urls, parent);
            this.loader = own;
        }
    }

    void requireMainClass(final Located<String> mainClass)
    {
        final String className = mainClass.value().trim();
        final Class<?> type = load(mainClass, "main class");
        try
        {
            final Method main = type.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()))
            {
                throw new NoSuchMethodException("main is not static");
            }
        }
        catch (final NoSuchMethodException | LinkageError ex)
        {
            throw new TopologyException(mainClass.mark(source), "main class '" + className + "' of service '" +
                service + "' has no public static void main(String[])", ex);
        }
    }

    /**
     * @return the api's operations: each public method name, with how many methods carry it.
     */
    Map<String, Integer> requireApi(final Located<String> api)
    {
        final Class<?> type = load(api, "api");
        if (!type.isInterface())
        {
            throw new TopologyException(api.mark(source), "api '" + api.value().trim() + "' of service '" + service +
                "' is a class, not an interface: name the interface callers use");
        }
        final Map<String, Integer> operations = new TreeMap<>();
        try
        {
            for (final Method method : type.getMethods())
            {
                if (!Modifier.isStatic(method.getModifiers()))
                {
                    operations.merge(method.getName(), 1, Integer::sum);
                }
            }
        }
        catch (final LinkageError ex)
        {
            throw new TopologyException(api.mark(source), "api '" + api.value().trim() + "' of service '" + service +
                "' cannot be read: " + ex, ex);
        }
        return operations;
    }

    void requireImplementation(final Located<String> implementation, final Located<String> api)
    {
        final String className = implementation.value().trim();
        final String what = "implementation '" + className + "' of service '" + service + "'";
        final Class<?> type = load(implementation, "implementation");
        final Class<?> apiType = load(api, "api");
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()))
        {
            throw new TopologyException(implementation.mark(source), what + " is abstract: name a concrete class");
        }
        if (!apiType.isAssignableFrom(type))
        {
            throw new TopologyException(implementation.mark(source), what + " does not implement its api '" +
                apiType.getName() + "'");
        }
        try
        {
            for (final Constructor<?> constructor : type.getConstructors())
            {
                final Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 0 ||
                    parameters.length == 1 && SERVICE_CONTEXT.equals(parameters[0].getName()))
                {
                    return;
                }
            }
        }
        catch (final LinkageError ex)
        {
            throw new TopologyException(implementation.mark(source), what + " cannot be read: " + ex, ex);
        }
        throw new TopologyException(implementation.mark(source), what +
            " has no public constructor taking a ServiceContext or nothing");
    }

    private Class<?> load(final Located<String> className, final String role)
    {
        final String name = className.value().trim();
        try
        {
            return Class.forName(name, false, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new TopologyException(className.mark(source), role + " '" + name + "' of service '" + service +
                "' is not on its class path (" + (own == null ? "" : "its classPath, then ") +
                "the launcher's)", ex);
        }
    }

    @Override
    public void close()
    {
        if (own != null)
        {
            try
            {
                own.close();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot close the class loader of service '" + service + "'", ex);
            }
        }
    }
}
