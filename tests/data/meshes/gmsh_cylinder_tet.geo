// Tet mesh of a tendon-like cylinder (radius 1 mm, length 5 mm along x).
SetFactory("OpenCASCADE");
Cylinder(1) = {0,0,0, 5,0,0, 1};
Mesh.MeshSizeMax = 0.9;
Physical Volume("tendon") = {1};
Physical Surface("proximal") = {3};
Physical Surface("distal") = {2};
Physical Surface("sheath") = {1};
