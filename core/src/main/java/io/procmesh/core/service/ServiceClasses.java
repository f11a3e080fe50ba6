package io.procmesh.core.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The api and implementation classes {@link ServiceMain} hosts, checked before anything starts: each problem is
 * one {@link ServiceSetupException} whose message alone tells the user what to fix.
 *
 * @param api            the interface callers use.
 * @param implementation the class that implements it.
 * @param constructor    its public constructor taking a {@link ServiceContext}, or taking nothing.
 */
record ServiceClasses(Class<?> api, Class<?> implementation, Constructor<?> constructor)
{
    private static final String CORE_CLASS = "io/procmesh/core/Procmesh.class";

    /**
     * @throws ServiceSetupException naming the class and what is wrong with it.
     */
    static ServiceClasses load(final String apiName, final String implementationName, final ClassLoader loader)
    {
        requireOneCopyOfCore(loader);
        final Class<?> api = find("api", apiName, loader);
        if (!api.isInterface())
        {
            throw new ServiceSetupException("api " + apiName + " is not an interface: callers get a proxy of the " +
                "api, so it must be one");
        }
        final Class<?> implementation = find("implementation", implementationName, loader);
        return of(api, implementation);
    }

    static ServiceClasses of(final Class<?> api, final Class<?> implementation)
    {
        if (!api.isAssignableFrom(implementation))
        {
            throw new ServiceSetupException("implementation " + implementation.getName() + " does not implement api " +
                api.getName());
        }
        if (implementation.isInterface() || Modifier.isAbstract(implementation.getModifiers()) ||
            !Modifier.isPublic(implementation.getModifiers()))
        {
            throw new ServiceSetupException("implementation " + implementation.getName() +
                " must be a public, concrete class");
        }
        Constructor<?> withContext = null;
        Constructor<?> noArgs = null;
        for (final Constructor<?> constructor : implementation.getConstructors())
        {
            final Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == ServiceContext.class)
            {
                withContext = constructor;
            }
            else if (parameters.length == 0)
            {
                noArgs = constructor;
            }
        }
        if (withContext == null && noArgs == null)
        {
            throw new ServiceSetupException("implementation " + implementation.getName() + " has no public " +
                "constructor taking a " + ServiceContext.class.getName() + " or nothing");
        }
        return new ServiceClasses(api, implementation, withContext != null ? withContext : noArgs);
    }

    /**
     * @return a new implementation, given the context when its constructor takes one.
     * @throws Exception what the constructor threw.
     */
    Object instantiate(final ServiceContext context) throws Exception
    {
        try
        {
            return constructor.getParameterCount() == 1 ?
                constructor.newInstance(context) : constructor.newInstance();
        }
        catch (final InvocationTargetException ex)
        {
            if (ex.getCause() instanceof Exception cause)
            {
                throw cause;
            }
            throw ex;
        }
    }

    private static Class<?> find(final String role, final String name, final ClassLoader loader)
    {
        try
        {
            return Class.forName(name, false, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new ServiceSetupException(role + " class " + name + " is not on the service's class path (" +
                ex + ")");
        }
    }

    /**
     * A jar that bundles procmesh-core ahead of the launcher's copy would run two versions of the wire format and
     * registry layout side by side.
     */
    private static void requireOneCopyOfCore(final ClassLoader loader)
    {
        final List<URL> copies;
        try
        {
            copies = new ArrayList<>(Collections.list(loader.getResources(CORE_CLASS)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (copies.size() > 1)
        {
            throw new ServiceSetupException("the class path holds " + copies.size() + " copies of procmesh-core (" +
                copies + "): depend on io.procmesh:procmesh-core with scope provided, the launcher supplies it");
        }
    }
}
