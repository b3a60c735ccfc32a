/** Policy config: the engine passes what the stack's config file sets; defaults fill the rest. */

interface HasConfig {
    getConfig<T extends object>(): T;
}

/** The policy's config with its defaults under it. */
export function configWithDefaults<T extends object>(defaults: T, args: HasConfig): T {
    return { ...defaults, ...args.getConfig<Partial<T>>() };
}
