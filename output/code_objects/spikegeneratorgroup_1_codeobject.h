#ifndef _INCLUDED_spikegeneratorgroup_1_codeobject
#define _INCLUDED_spikegeneratorgroup_1_codeobject

void _run_spikegeneratorgroup_1_codeobject();


#endif
